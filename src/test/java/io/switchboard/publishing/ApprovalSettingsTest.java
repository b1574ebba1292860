package io.switchboard.publishing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a campaign needs approval: per installation, overridden per account tag. */
class ApprovalSettingsTest {

    private static ApprovalSettings settings(boolean required, List<String> requiredTags, List<String> exemptTags) {
        return new ApprovalSettings(required, requiredTags, exemptTags, true, Duration.ofDays(7), 30);
    }

    @Test
    void an_installation_that_requires_approval_requires_it_unless_every_account_is_exempt() {
        var everywhere = settings(true, List.of(), List.of("internal"));
        assertThat(everywhere.requiredFor(List.of(List.of("client"), List.of()))).isTrue();
        assertThat(everywhere.requiredFor(List.of(List.of("internal"), List.of("internal", "x")))).isFalse();
        assertThat(everywhere.requiredFor(List.of(List.of("internal"), List.of("client")))).isTrue();
    }

    @Test
    void a_required_tag_requires_approval_even_where_the_installation_does_not() {
        var byTag = settings(false, List.of("client-a"), List.of());
        assertThat(byTag.requiredFor(List.of(List.of("x"), List.of("client-a")))).isTrue();
        assertThat(byTag.requiredFor(List.of(List.of("x")))).isFalse();
        var both = settings(true, List.of("client-a"), List.of("client-a"));
        assertThat(both.requiredFor(List.of(List.of("client-a")))).as("required beats exempt").isTrue();
    }
}

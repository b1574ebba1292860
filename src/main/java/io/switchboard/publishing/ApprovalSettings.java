package io.switchboard.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Approvals ({@code switchboard.approvals.*}, env {@code SWITCHBOARD_APPROVALS_*}).
 *
 * @param required          every campaign needs approval before its posts are submitted
 * @param requiredTags      a campaign with an account carrying one of these tags needs approval, whatever
 *                          {@code required} says
 * @param exemptTags        with {@code required}, a campaign whose accounts all carry one of these tags needs none
 * @param fourEyes          the author of a campaign cannot approve it
 * @param linkLifetime      how long a client review link works
 * @param linkUsesPerMinute how many times a minute one review link may be opened or answered, counted once for
 *                          all instances
 */
@ConfigurationProperties("switchboard.approvals")
public record ApprovalSettings(@DefaultValue("false") boolean required, @DefaultValue List<String> requiredTags,
                               @DefaultValue List<String> exemptTags, @DefaultValue("true") boolean fourEyes,
                               @DefaultValue("7d") Duration linkLifetime, @DefaultValue("30") int linkUsesPerMinute) {

    /** Whether a campaign on accounts with these tags (one list per account) needs approval. */
    boolean requiredFor(List<List<String>> accountTags) {
        if (accountTags.stream().anyMatch(tags -> tags.stream().anyMatch(requiredTags::contains))) {
            return true;
        }
        boolean exempt = !exemptTags.isEmpty() && !accountTags.isEmpty()
                && accountTags.stream().allMatch(tags -> tags.stream().anyMatch(exemptTags::contains));
        return required && !exempt;
    }
}

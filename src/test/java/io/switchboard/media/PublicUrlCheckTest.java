package io.switchboard.media;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live mode refuses to start with a public URL the platform cannot reach, instead of failing every publish. */
class PublicUrlCheckTest {

    @Test
    void live_mode_without_a_public_url_does_not_start_and_says_what_to_set() {
        assertThatThrownBy(() -> AppInstance.start(TestPostgres.freshDatabase(), "switchboard.platform.mode=live"))
                .rootCause().hasMessageContaining("The platform mode is live")
                .hasMessageContaining("SWITCHBOARD_MEDIA_PUBLIC_BASE_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://localhost:8080", "http://app.localhost", "http://127.0.0.1:8080",
            "http://10.1.2.3", "http://192.168.0.10:8080", "http://172.20.0.5", "http://[::1]:8080",
            "http://[fd00::1]", "http://switchboard:8080", "http://100.64.0.1", "media.example.com"})
    void local_or_private_addresses_are_unreachable_for_the_platform(String url) {
        assertThat(PublicUrlCheck.unreachable(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://switchboard.example.com", "https://media.example.com:8443/", "http://203.0.113.7"})
    void public_addresses_pass(String url) {
        assertThat(PublicUrlCheck.unreachable(url)).isNull();
    }
}

package io.switchboard.instagram.graph;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An instance configured with the Instagram settings' old names refuses to start and names the new ones. */
class MovedSettingsTest {

    @Test
    void an_old_setting_name_stops_the_start_naming_the_new_one() {
        assertThatThrownBy(() -> MovedSettings.check(new MockEnvironment()
                .withProperty("switchboard.platform.app-id", "1234")))
                .hasMessageContaining("switchboard.instagram.app-id").hasMessageContaining("SWITCHBOARD_INSTAGRAM_APP_ID");
        assertThatCode(() -> MovedSettings.check(new MockEnvironment()
                .withProperty("switchboard.instagram.app-id", "1234")
                .withProperty("switchboard.platform.read-timeout", "10s"))).doesNotThrowAnyException();
    }
}

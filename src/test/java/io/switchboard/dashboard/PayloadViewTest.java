package io.switchboard.dashboard;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadViewTest {
    private final PayloadView view = new PayloadView(JsonMapper.builder().build());

    @Test
    void blanks_out_secret_looking_fields_at_any_depth_and_keeps_the_rest() {
        String shown = view.format("""
                {"accountId": 42, "accessToken": "EAAB-real-token", "proxy": {"host": "10.0.0.1", "password": "pw"},
                 "headers": [{"Authorization": "Bearer x"}], "caption": "token of appreciation", "apiKey": null}""");

        assertThat(shown).contains("\"accountId\" : 42").contains("\"host\" : \"10.0.0.1\"")
                .contains("\"caption\" : \"token of appreciation\"").contains("\"apiKey\" : null")
                .doesNotContain("EAAB-real-token").doesNotContain("\"pw\"").doesNotContain("Bearer x");
        assertThat(shown.split(java.util.regex.Pattern.quote(PayloadView.REDACTED), -1)).hasSize(4);
    }

    @Test
    void a_payload_that_is_not_json_is_not_shown() {
        assertThat(view.format("{not json")).isEqualTo("(the payload is not valid JSON and is not shown)");
    }
}

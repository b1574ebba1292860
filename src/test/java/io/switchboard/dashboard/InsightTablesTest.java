package io.switchboard.dashboard;

import io.switchboard.insights.PostResult;
import io.switchboard.insights.Totals;
import io.switchboard.publishing.PostType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The insights tables written in Java escape what they print as {@code th:text} would, and link only to the web. */
class InsightTablesTest {
    private final InsightTables tables = new InsightTables(new Formats(), new InsightWords());

    @Test
    void a_post_row_escapes_its_texts_and_links_its_permalink_only_when_it_is_a_web_address() {
        var web = post(1, "<b>launch</b> & \"more\"", "https://www.instagram.com/reel/abc/?a=1&b=2");
        var script = post(2, "fine", "javascript:alert(1)");

        String html = tables.posts(List.of(web, script), Map.of(), "/ctx").html();

        assertThat(html).contains("&lt;b&gt;launch&lt;/b&gt; &amp; &quot;more&quot;")
                .doesNotContain("<b>launch</b>")
                .contains("href=\"https://www.instagram.com/reel/abc/?a=1&amp;b=2\"")
                .contains("href=\"/ctx/accounts/7/insights\"")
                .doesNotContain("javascript:");
        assertThat(html.split("See the post on the platform", -1)).hasSize(2);
    }

    private static PostResult post(long id, String caption, String permalink) {
        return new PostResult(id, 3, 7, "brand", PostType.REELS, caption, permalink,
                OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC), new Totals(1, 100, 80, 5, 3, 1, 1, 0),
                null, 1, null, null);
    }
}

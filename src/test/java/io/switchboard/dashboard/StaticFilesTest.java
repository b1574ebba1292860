package io.switchboard.dashboard;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stylesheet, scripts and icon are served under /assets (and webjars under /webjars) by their content's hash,
 * kept a year by the browser, and nothing else is a static file: the links a page writes to its own pages stay as
 * they are (and, not being under /assets, are never searched for as files while the page is rendered).
 */
class StaticFilesTest {
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:assets|webjars)/[^\"]+)\"");

    @Test
    void a_pages_static_files_are_hashed_under_assets_and_kept_a_year() {
        AppInstance app = SharedApp.get();
        WebSession admin = Operators.admin(app);
        String page = admin.get(app.url("/tasks")).body();

        List<String> assets = ASSET.matcher(page).results().map(m -> m.group(1)).toList();
        assertThat(assets).anyMatch(a -> a.matches("/assets/css/switchboard-[0-9a-f]{32}\\.css"))
                .anyMatch(a -> a.matches("/assets/js/switchboard-[0-9a-f]{32}\\.js"))
                .anyMatch(a -> a.matches("/assets/img/favicon-[0-9a-f]{32}\\.svg"))
                .anyMatch(a -> a.matches("/webjars/htmx\\.org/.*htmx\\.min-[0-9a-f]{32}\\.js"));
        assertThat(page).contains("href=\"/tasks\"", "href=\"/queues\"", "href=\"/notifications\"");

        WebSession stranger = new WebSession();
        for (String asset : assets) {
            HttpResponse<String> answer = stranger.get(app.url(asset));
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control").orElse("")).as(asset)
                    .contains("max-age=31536000").contains("public");
        }
    }

    @Test
    void static_files_are_not_served_from_the_root() {
        AppInstance app = SharedApp.get();
        WebSession admin = Operators.admin(app);
        Matcher css = Pattern.compile("/assets(/css/switchboard-[0-9a-f]{32}\\.css)").matcher(admin.get(app.url("/tasks")).body());
        assertThat(css.find()).isTrue();

        assertThat(admin.get(app.url(css.group(1))).statusCode()).isEqualTo(404);
    }
}

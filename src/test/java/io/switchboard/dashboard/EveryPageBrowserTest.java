package io.switchboard.dashboard;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Axe;
import io.switchboard.testing.Browser;
import io.switchboard.testing.PageTour;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page an operator uses, signed in as admin on an installation with data, at 1440 and at 390 px wide:
 * axe-core finds no serious or critical violation, and no page is wider than the window. A viewer is offered no
 * form they cannot submit. Screenshots of every page at both widths land in target/screenshots/pages.
 */
class EveryPageBrowserTest {
    private static AppInstance app;
    private static Browser browser;
    private static PageTour tour;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        browser = new Browser();
        tour = PageTour.seed(app, new PublishingFixture(app));
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void every_page_passes_axe_and_fits_a_phone_and_a_wide_screen() {
        List<String> failures = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            Page page = browser.newPage();
            page.setViewportSize(width, width == 390 ? 844 : 900);
            page.setDefaultTimeout(30_000);
            Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
            for (PageTour.Stop stop : tour.stops()) {
                stop.open(page, app);
                Browser.screenshot(page, "pages/" + stop.name() + "-" + width);
                for (Rule rule : Axe.violations(page)) {
                    if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                        failures.add(stop.name() + " at " + width + " px: " + rule.getImpact() + " " + rule.getId()
                                + " (" + rule.getHelp() + ") on " + rule.getNodes().stream()
                                .map(n -> n.getTarget() + " " + n.getHtml()).limit(3).toList());
                    }
                }
                Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
                if (((Number) overflow).intValue() > 1) {
                    failures.add(stop.name() + " at " + width + " px is " + overflow + " px wider than the window");
                }
            }
            page.context().close();
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void a_viewer_is_offered_no_form_they_cannot_submit() {
        Page page = browser.newPage();
        page.setDefaultTimeout(30_000);
        Browser.signIn(page, app, tour.viewer(), io.switchboard.testing.Operators.PASSWORD);
        List<String> offered = new ArrayList<>();
        for (PageTour.Stop stop : tour.stops()) {
            if (!stop.plain()) {
                continue;
            }
            stop.open(page, app);
            Object forms = page.evaluate("[...document.querySelectorAll('form')]"
                    + ".filter(f => f.method === 'post' && !/\\/(logout|account\\/password)$/.test(f.action)).map(f => f.id || f.action)");
            if (!((List<?>) forms).isEmpty()) {
                offered.add(stop.name() + ": " + forms);
            }
        }
        page.context().close();
        assertThat(offered).as("forms a viewer cannot submit (their own password they can)").isEmpty();
    }
}

package io.switchboard.notifications;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Axe;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Screens;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API keys and webhooks pages as an admin uses them, at 1440 and 390 px, checked by axe-core. */
class IntegrationPagesBrowserTest {
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.notifications.allow-private-targets=true");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_admin_creates_a_key_shown_once_registers_a_webhook_and_reads_its_log() {
        List<String> failures = new ArrayList<>();
        try (Browser browser = new Browser()) {
            Page page = browser.newPage();
            Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);

            page.navigate(app.url("/api-keys"));
            page.locator("#new-key button[type=submit]").click();
            assertThat(page.locator("#name-error").textContent()).contains("Name the key");
            check(page, "api-keys-mistakes", failures);
            page.fill("#key-name", "content-pipeline");
            page.selectOption("#key-scope", "PUBLISH");
            page.fill("#key-limit", "60");
            page.locator("#new-key button[type=submit]").click();
            String secret = page.locator("#issued-key code.secret").textContent();
            assertThat(secret).startsWith("sb_");
            check(page, "api-keys-created", failures);
            page.reload();
            assertThat(page.content()).doesNotContain(secret);
            assertThat(page.locator("#api-keys tr[data-name='content-pipeline']").textContent())
                    .contains("read and publish", "60 a minute", "live", "never");

            page.navigate(app.url("/webhooks"));
            page.fill("#hook-url", "ftp://nowhere");
            page.locator("#new-endpoint button[type=submit]").click();
            assertThat(page.locator("#url-error").textContent()).contains("http or https");
            assertThat(page.inputValue("#hook-url")).isEqualTo("ftp://nowhere");
            check(page, "webhooks-mistakes", failures);
            page.fill("#hook-url", "http://127.0.0.1:9/hooks");
            page.fill("#hook-description", "CRM");
            page.locator("#new-endpoint button[type=submit]").click();
            assertThat(page.locator("#new-secret code.secret").textContent()).startsWith("whsec_");
            long endpoint = Long.parseLong(page.url().substring(page.url().lastIndexOf('/') + 1));
            app.bean(Webhooks.class).send(WebhookEvent.POST_PUBLISHED, "browser-test", Map.of("postId", 1));
            testsupport.TaskWaits.eventually(() -> assertThat(app.bean(Webhooks.class).deliveries(endpoint, 1).getFirst()
                    .attempts()).isPositive());
            page.reload();
            assertThat(page.locator("#deliveries tbody tr").first().textContent()).contains("post.published", "pending");
            check(page, "webhook-log", failures);
            page.navigate(app.url("/webhooks"));
            check(page, "webhooks", failures);

            page.navigate(app.url("/account/alerts"));
            page.fill("#alert-email", "not-an-address");
            page.locator("#alerts-form button[type=submit]").click();
            assertThat(page.locator("#email-error").textContent()).contains("maria@example.com");
            assertThat(page.inputValue("#alert-email")).isEqualTo("not-an-address");
            check(page, "alerts-mistakes", failures);
            page.fill("#alert-email", "admin@example.com");
            page.locator("#alerts-form button[type=submit]").click();
            assertThat(page.locator("#notice").textContent()).contains("Saved");
            check(page, "alerts", failures);
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    private static void check(Page page, String name, List<String> failures) {
        Screens.both(page, "integration/" + name);
        for (int width : new int[]{1440, 390}) {
            page.setViewportSize(width, 900);
            for (Rule rule : Axe.violations(page)) {
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    failures.add(name + " at " + width + ": " + rule.getId() + " " + rule.getHelp() + " on "
                            + rule.getNodes().stream().map(n -> n.getHtml()).limit(3).toList());
                }
            }
            Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
            if (((Number) overflow).intValue() > 1) {
                failures.add(name + " at " + width + " px is " + overflow + " px wider than the window");
            }
        }
    }
}

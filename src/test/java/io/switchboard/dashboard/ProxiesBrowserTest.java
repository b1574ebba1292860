package io.switchboard.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import io.switchboard.proxies.ProxyFilter;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.LoopbackProxy;
import testsupport.ProbeServer;
import testsupport.TestCertificates;

import java.time.Duration;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * The Proxies pages in Chromium against an instance whose diagnostics probe real proxies on loopback (HTTP CONNECT,
 * SOCKS5, and a port that refuses): import with a rejected list then a good one, diagnostics on demand, badges,
 * sparklines, and a proxy's history.
 */
class ProxiesBrowserTest {
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions()
            .setTimeout(20_000);
    private static ProbeServer probe;
    private static LoopbackProxy http;
    private static LoopbackProxy socks;
    private static AppInstance app;
    private static Browser browser;

    @BeforeAll
    static void start() {
        probe = new ProbeServer(TestCertificates.trusted());
        http = LoopbackProxy.http().start();
        socks = LoopbackProxy.socks5().credentials("carol", "pa55word").start();
        app = AppInstance.start(TestPostgres.freshDatabase(),
                // the test proxies listen on loopback, a private address an admin must allow
                "switchboard.proxies.allow-private-addresses=true",
                "switchboard.proxies.probe-url=" + probe.url(),
                "switchboard.proxies.trust-certificates=" + TestCertificates.trusted().pem(),
                "switchboard.proxies.diagnostics-interval=1h",
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms");
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
        http.close();
        socks.close();
        probe.close();
    }

    @Test
    void an_operator_imports_proxies_runs_diagnostics_and_reads_a_proxys_history() {
        int refusing = LoopbackProxy.refusing();
        Page page = browser.newPage();
        Browser.signIn(page, app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);

        page.navigate(app.url("/proxies/import"));
        page.locator("#text").fill("http://127.0.0.1:" + http.port() + "\n"
                + "socks5://127.0.0.1:99999\n"
                + "gopher://127.0.0.1:70\n");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the list")).click();
        assertThat(page.locator("#import-errors-summary")).containsText("2 problems found. Nothing was imported");
        Locator errors = page.locator("#import-errors tbody tr");
        assertThat(errors).hasCount(2);
        assertThat(errors.nth(0).locator("td").first()).hasText("2");
        assertThat(errors.nth(0)).containsText("'99999' is not a port");
        assertThat(errors.nth(1).locator("td").first()).hasText("3");
        assertThat(errors.nth(1)).containsText("gopher");
        assertThat(page.locator("#commit-import")).hasCount(0);
        Browser.screenshot(page, "proxies-import-errors");
        assertThat(app.bean(Proxies.class).ids(ProxyFilter.ALL)).as("nothing saved").isEmpty();

        page.locator("#text").fill("# the lab's proxies\n"
                + "http://127.0.0.1:" + http.port() + "\n"
                + "socks5://carol:pa55word@127.0.0.1:" + socks.port() + "\n"
                + "socks5://127.0.0.1:" + refusing + "\n");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the list")).click();
        assertThat(page.locator("#preview h2")).hasText("Ready to import 3 proxies");
        assertThat(page.locator("#import-rows")).not().containsText("pa55word");
        Browser.screenshot(page, "proxies-import-preview");
        page.locator("#commit-import").click();

        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Imported 3 proxies");
        Locator rows = page.locator("#proxies tbody tr");
        assertThat(rows).hasCount(3);
        assertThat(row(page, "127.0.0.1:" + http.port()).locator(".proxy-status .state")).hasText("healthy", SLOW);
        assertThat(row(page, "carol@127.0.0.1:" + socks.port()).locator(".proxy-status .state")).hasText("healthy", SLOW);
        Locator down = row(page, "127.0.0.1:" + refusing);
        assertThat(down.locator(".proxy-status .state")).hasText("down", SLOW);
        assertThat(down.locator(".reason")).containsText("refused the connection");
        assertThat(page.locator("#count-healthy")).hasText("2");
        assertThat(page.locator("#count-down")).hasText("1");
        Browser.screenshot(page, "proxies-first-diagnostics");

        page.locator("input[name=scope][value=filter]").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run diagnostics")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Diagnosing 3 proxies");
        Proxies proxies = app.bean(Proxies.class);
        eventually(Duration.ofSeconds(20), () -> assertThat(proxies.ids(ProxyFilter.ALL))
                .allSatisfy(id -> assertThat(proxies.history(id, 10)).hasSize(2)));
        assertThat(page.locator("#live-note")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
        Locator spark = row(page, "127.0.0.1:" + http.port()).locator("svg.sparkline");
        assertThat(spark).isVisible();
        assertThat(spark.locator("path.spark-line")).hasAttribute("d", java.util.regex.Pattern.compile("^M.+L.+"));
        assertThat(down.locator("svg.sparkline circle.spark-fail")).hasCount(2);
        Browser.screenshot(page, "proxies-after-diagnostics");

        down.locator("a").first().click();
        assertThat(page.locator("#down-reason")).containsText("refused the connection");
        assertThat(page.locator("#history tbody tr")).hasCount(2);
        assertThat(page.locator("#history")).containsText("Connection failed");
        Browser.screenshot(page, "proxy-detail-down");

        page.navigate(app.url("/proxies/" + idOf("carol@127.0.0.1:" + socks.port())));
        assertThat(page.locator("#proxy-status")).hasText("healthy");
        assertThat(page.locator("#proxy-facts")).containsText("username and password (stored encrypted)");
        assertThat(page.locator("#proxy-facts")).containsText("127.0.0.1");
        assertThat(page.locator("#latency svg.sparkline")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run diagnostics")).click();
        assertThat(page.locator("#history tbody tr")).hasCount(3, new LocatorAssertions.HasCountOptions()
                .setTimeout(20_000));
        assertThat(page.locator("#content")).not().containsText("pa55word");
        Browser.screenshot(page, "proxy-detail-healthy");
    }

    private static Locator row(Page page, String label) {
        return page.locator("#proxies tbody tr[data-label='" + label + "']");
    }

    private static long idOf(String label) {
        Proxies proxies = app.bean(Proxies.class);
        List<Long> ids = proxies.ids(ProxyFilter.ALL);
        return ids.stream().filter(id -> proxies.find(id).map(Proxy::label).orElse("").equals(label)).findFirst()
                .orElseThrow();
    }
}

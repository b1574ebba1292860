package io.switchboard.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.switchboard.accounts.Accounts;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forms in Chromium, by keyboard alone: a mistake takes the focus and is read with its field, the answer to a
 * command shows where the operator is looking however far they scrolled, a destructive command asks first with
 * the safe choice focused, and a disabled button looks disabled and says why.
 */
class FormsBrowserTest {
    private static AppInstance app;
    private static Browser browser;
    private static String operator;
    private static String username;
    private static long image;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        browser = new Browser();
        operator = Operators.create(app, "OPERATOR");
        SignedIn.as("forms-setup", "OPERATOR");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            long account = fixture.accounts(1, "keys").getFirst().id();
            username = app.bean(Accounts.class).find(account).orElseThrow().username();
            image = fixture.images(1).getFirst();
        } finally {
            SignedIn.out();
        }
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void a_proxy_is_added_by_keyboard_alone_and_each_mistake_takes_the_focus_beside_its_field() {
        Page page = signedIn(1280, 860);
        page.navigate(app.url("/proxies/new"));
        page.locator("#scheme").focus();
        page.keyboard().press("Tab");
        page.keyboard().type("not a host!");
        page.keyboard().press("Tab");
        page.keyboard().type("99999");
        page.keyboard().press("Enter");

        assertThat(page.locator("#host-error")).hasText("'not a host!' is not a host name or IP address.");
        assertThat(page.locator("#port-error")).hasText("'99999' is not a port: use a number from 1 to 65535.");
        assertThat(page.locator("#host")).isFocused();
        assertThat(page.locator("#host")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#host")).hasAttribute("aria-describedby", "host-error");
        assertThat(page.locator("#port")).hasValue("99999");
        Browser.screenshot(page, "forms/proxy-mistakes-1280");

        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("proxy.example.net");
        page.keyboard().press("Tab");
        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("8080");
        page.keyboard().press("Enter");
        assertThat(page.locator("#notice")).containsText("Added.");
        assertThat(page.locator(".page-title")).hasText("proxy.example.net:8080");
        page.context().close();
    }

    @Test
    void the_answer_to_a_command_shows_where_the_operator_scrolled_to() {
        long proxy = addProxy("scrolled-" + System.nanoTime());
        Page page = signedIn(1280, 560);
        page.navigate(app.url("/proxies/" + proxy));
        Locator usernames = page.locator("#assign-usernames");
        usernames.scrollIntoViewIfNeeded();
        usernames.fill("@nobody_like_this");
        usernames.press("Enter");
        assertThat(page.locator("#usernames-error")).hasText("No connected account is called @nobody_like_this: correct the usernames.");
        assertThat(usernames).hasValue("@nobody_like_this");
        assertThat(usernames).isFocused();
        assertThat(inView(page, page.locator("#usernames-error"))).isTrue();

        usernames.fill("@" + username);
        usernames.press("Enter");
        Locator notice = page.locator("#notice");
        assertThat(notice).containsText("1 account(s) now go out through this proxy.");
        assertThat(page.evaluate("window.scrollY")).as("the page stayed scrolled").isNotEqualTo(0);
        assertThat(inView(page, notice)).as("the notice is in the window, not above it").isTrue();
        Browser.screenshot(page, "forms/notice-in-view");
        page.locator("#notice .flash-close").click();
        assertThat(notice).hasCount(0);
        page.context().close();
    }

    @Test
    void a_destructive_command_asks_first_with_keeping_it_focused() {
        long proxy = addProxy("doomed-" + System.nanoTime());
        for (int width : new int[]{1440, 390}) {
            Page page = signedIn(width, 844);
            page.navigate(app.url("/proxies/" + proxy));
            page.locator("#delete-proxy").focus();
            page.keyboard().press("Enter");
            assertThat(page.locator(".page-title")).hasText(java.util.regex.Pattern.compile("Delete doomed-\\d+\\?"));
            assertThat(page.locator("#confirm-details")).containsText("No account is assigned to it");
            assertThat(page.locator("#confirm-cancel")).isFocused();
            Browser.screenshot(page, "forms/confirm-delete-proxy-" + width);
            page.keyboard().press("Enter");
            assertThat(page.locator(".page-title")).hasText(java.util.regex.Pattern.compile("doomed-\\d+"));
            assertThat(app.bean(Proxies.class).find(proxy)).isPresent();
            page.context().close();
        }
        Page page = signedIn(1440, 900);
        page.navigate(app.url("/proxies/" + proxy));
        page.locator("#delete-proxy").click();
        page.locator("#confirm-button").click();
        assertThat(page.locator("#notice")).containsText("Deleted doomed-");
        assertThat(app.bean(Proxies.class).find(proxy)).isEmpty();
        page.context().close();
    }

    @Test
    void a_disabled_launch_looks_disabled_and_says_why() {
        Page page = signedIn(1440, 900);
        page.navigate(app.url("/campaigns/new"));
        String enabled = style(page.locator("#preview-button"));
        page.locator("#name").fill("Pictures as Reels");
        page.locator("#postType").selectOption("REELS");
        page.locator("#account-choices input[type=checkbox]").first().check();
        page.locator("#media-choices input[value='" + image + "']").check();
        page.locator("#preview-button").click();

        Locator launch = page.locator("#launch-button");
        assertThat(launch).isDisabled();
        assertThat(style(launch)).as("a disabled Launch does not look like an enabled one").isNotEqualTo(enabled);
        assertThat(launch.evaluate("b => getComputedStyle(b).cursor")).isEqualTo("not-allowed");
        assertThat(launch).hasAttribute("aria-describedby", "launch-blocked");
        assertThat(page.locator("#launch-blocked")).containsText("every blocker is fixed");
        for (int width : List.of(1440, 390)) {
            page.setViewportSize(width, 900);
            Browser.screenshot(page, "forms/launch-disabled-" + width);
        }
        page.context().close();
    }

    @Test
    void the_zone_list_is_fetched_once_when_a_zone_field_is_focused_and_a_typed_zone_is_kept() {
        Page page = signedIn(1440, 900);
        List<String> fetched = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/time-zones")) {
                fetched.add(request.url());
            }
        });
        page.navigate(app.url("/calendar?view=week"));
        assertThat(page.locator("#time-zones option")).hasCount(0);
        assertThat(fetched).as("nothing fetched before a zone field is focused").isEmpty();
        page.locator("#c-zone").focus();
        assertThat(page.locator("#time-zones option[value='Europe/Berlin']")).hasCount(1);
        assertThat(page.locator("#time-zones option[value='UTC']")).hasCount(1);
        page.locator("#c-account").focus();
        page.locator("#c-zone").focus();
        page.locator("#c-zone").fill("Asia/Kathmandu");
        page.locator("#calendar-filters button[type=submit]").click();
        page.waitForURL(url -> url.contains("zone=Asia%2FKathmandu") || url.contains("zone=Asia/Kathmandu"));
        assertThat(page.locator("#c-zone")).hasValue("Asia/Kathmandu");
        assertThat(page.locator("#time-zones option")).hasCount(0);
        page.locator("#c-zone").focus();
        assertThat(page.locator("#time-zones option[value='Asia/Kathmandu']")).hasCount(1);
        assertThat(fetched).as("the same cacheable URL, with no field's value in it")
                .isNotEmpty().allMatch(url -> url.endsWith("/time-zones"));
        page.context().close();
    }

    private static long addProxy(String label) {
        SignedIn.as("forms-setup", "OPERATOR");
        try {
            return app.bean(Proxies.class).add(new ProxyDraft(label, "http", label + ".example.net", "3128", "", "", "", "",
                    true));
        } finally {
            SignedIn.out();
        }
    }

    private static Page signedIn(int width, int height) {
        Page page = browser.newPage();
        page.setViewportSize(width, height);
        Browser.signIn(page, app, operator, Operators.PASSWORD);
        return page;
    }

    private static String style(Locator button) {
        return (String) button.evaluate("b => { const s = getComputedStyle(b); "
                + "return s.backgroundColor + ' ' + s.color + ' ' + s.cursor; }");
    }

    private static boolean inView(Page page, Locator element) {
        BoundingBox box = element.boundingBox();
        int height = page.viewportSize().height;
        return box != null && box.y >= 0 && box.y + box.height <= height;
    }
}

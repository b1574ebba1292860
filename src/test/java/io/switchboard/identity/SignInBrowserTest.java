package io.switchboard.identity;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing in, out and managing operators in a real Chromium against a real instance. */
class SignInBrowserTest {
    private static Browser browser;
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void a_wrong_password_is_refused_then_the_right_one_signs_in() {
        Page page = browser.newPage();
        Browser.signIn(page, app, "admin", "not-the-password");
        assertThat(page).hasURL(app.url("/login?error"));
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong username or password");
        Browser.screenshot(page, "login-wrong-password");

        Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
        assertThat(page).hasURL(app.url("/"));
        assertThat(page.locator(".me-name")).hasText("admin");
        assertThat(page.locator("#live-instances")).hasText("1");
        Browser.screenshot(page, "overview");
    }

    @Test
    void repeated_failures_make_sign_in_wait_and_the_page_says_for_how_long() {
        String username = Operators.create(app, "OPERATOR");
        Page page = browser.newPage();
        for (int i = 0; i < 6; i++) {
            Browser.signIn(page, app, username, "wrong-" + i);
        }
        assertThat(page.locator("#locked-message")).containsText("Try again in");
        assertThat(page.locator("#locked-message")).containsText("1 minute");
        Browser.screenshot(page, "login-locked");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "login-locked-390");
        page.setViewportSize(1440, 900);
        Browser.screenshot(page, "login-locked-1440");

        Browser.signIn(page, app, username, Operators.PASSWORD);
        assertThat(page.locator("#locked-message")).isVisible();
    }

    @Test
    void signing_out_ends_the_session() {
        Page page = browser.newPage();
        Browser.signIn(page, app, "admin", AppInstance.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(app.url("/login?logout"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("You are signed out");

        page.navigate(app.url("/operators"));
        assertThat(page).hasURL(app.url("/login"));
    }

    @Test
    void a_viewer_sees_operators_but_cannot_change_them_even_with_a_forged_post() {
        String viewer = Operators.create(app, "VIEWER");
        Page page = browser.newPage();
        Browser.signIn(page, app, viewer, Operators.PASSWORD);
        page.navigate(app.url("/operators"));
        assertThat(page.locator("#operators")).containsText("admin");
        assertThat(page.locator("#read-only-note")).isVisible();
        assertThat(page.locator("#new-operator")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change role"))).hasCount(0);
        Browser.screenshot(page, "operators-as-viewer");

        WebSession forger = Operators.signedIn(app, viewer, Operators.PASSWORD);
        forger.get(app.url("/operators"));
        var forged = forger.post(app.url("/operators"),
                Map.of("username", "forged-" + System.nanoTime(), "role", "ADMIN", "password", "forged-password-1"));
        assertThat(forged.statusCode()).isEqualTo(403);
        var promote = forger.post(app.url("/operators/1/role"), Map.of("role", "VIEWER"));
        assertThat(promote.statusCode()).isEqualTo(403);
        var adminPage = Operators.admin(app).get(app.url("/operators")).body();
        assertThat(adminPage).doesNotContain("forged-");
    }

    @Test
    void an_admin_creates_an_operator_who_then_signs_in() {
        String username = "new-op-" + System.nanoTime() % 100_000;
        Page admin = browser.newPage();
        Browser.signIn(admin, app, "admin", AppInstance.ADMIN_PASSWORD);
        admin.navigate(app.url("/operators"));
        admin.locator("#new-username").fill(username);
        admin.locator("#new-role").selectOption("OPERATOR");
        admin.locator("#new-password-input").fill("short");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create operator")).click();
        assertThat(admin.locator("#password-error")).containsText("at least 10 characters");
        Browser.screenshot(admin, "operators-validation");

        admin.locator("#new-password-input").fill("a-long-enough-password");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create operator")).click();
        assertThat(admin.getByRole(AriaRole.STATUS).first()).containsText("Created " + username);
        assertThat(admin.locator("tr[data-username='" + username + "']")).containsText("OPERATOR");
        Browser.screenshot(admin, "operators-as-admin");

        Page newcomer = browser.newPage();
        Browser.signIn(newcomer, app, username, "a-long-enough-password");
        assertThat(newcomer).hasURL(app.url("/"));
        assertThat(newcomer.locator(".me-name")).hasText(username);
    }
}

package io.switchboard.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.accounts.Accounts;
import io.switchboard.accounts.Connections;
import io.switchboard.instagram.graph.ContainerRequest;
import io.switchboard.instagram.graph.ContainerState;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaStatus;
import io.switchboard.media.UploadResult;
import io.switchboard.platform.Credentials;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.TableSnapshot;
import testsupport.Clips;
import testsupport.SignedIn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/** The Accounts and Sandbox pages in a real Chromium against a real instance running the sandbox. */
class AccountsBrowserTest {
    private static Browser browser;
    private static AppInstance app;
    private static String operator;
    /** The import's check runs as a task the page follows: give it time on a loaded machine. */
    private static final LocatorAssertions.ContainsTextOptions CHECKED =
            new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);
    @TempDir
    static Path files;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        browser = new Browser();
        operator = Operators.create(app, "OPERATOR");
    }

    @AfterAll
    static void stop() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 50);
        browser.close();
    }

    @Test
    void an_operator_imports_accounts_then_watches_their_health_checks_arrive() throws IOException {
        String tag = "browser" + ProcessHandle.current().pid();
        Page page = signedIn(operator);
        page.navigate(app.url("/accounts/import"));
        page.setInputFiles("#file", csv("bad.csv", "access_token,time_zone,platform\n"
                + SandboxControl.account(app, "browserbad").accessToken() + ",Atlantis/Capital,instagram\n"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();
        assertThat(page.locator("#import-errors")).containsText("Atlantis/Capital", CHECKED);
        assertThat(page.locator("#import-errors td").first()).hasText("2");
        Browser.screenshot(page, "accounts-import-errors");

        StringBuilder good = new StringBuilder("access_token,time_zone,tags,platform\n");
        IntStream.range(0, 4).forEach(i -> good.append(SandboxControl.account(app, "browser").accessToken())
                .append(i % 2 == 0 ? ",Europe/Berlin," : ",America/Chicago,").append(tag).append(";demo,instagram\n"));
        page.setInputFiles("#file", csv("good.csv", good.toString()));
        SandboxControl.settings(app, Duration.ofMillis(1500), Duration.ofSeconds(3), 50);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();
        assertThat(page.locator("#import-progress")).containsText("Checked");
        Browser.screenshot(page, "accounts-import-checking");
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "accounts-import-checking-390");
        page.setViewportSize(1440, 900);
        Browser.screenshot(page, "accounts-import-checking-1440");
        page.setViewportSize(1280, 860);
        assertThat(page.locator("#preview h2")).hasText("Ready to import 4 account(s)",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#import-progress")).hasCount(0);
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 50);
        Browser.screenshot(page, "accounts-import-preview");
        page.locator("#commit-import").click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Imported 4 account(s)");

        page.navigate(app.url("/accounts?tag=" + tag));
        assertThat(page.locator("#accounts tbody tr")).hasCount(4);
        SandboxControl.settings(app, Duration.ofMillis(1500), Duration.ofSeconds(3), 50);
        page.locator("#accounts input[name=ids]").all().forEach(Locator::check);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check health")).click();
        assertThat(page.locator(".page-title")).hasText("Check the token health of 4 accounts?");
        Browser.screenshot(page, "accounts-bulk-confirm");
        page.locator("#confirm-button").click();

        assertThat(page.locator("#accounts .status-pending").first()).isVisible();
        Browser.screenshot(page, "accounts-health-running");
        assertThat(page.locator("#accounts td.health .status-active")).hasCount(4,
                new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        assertThat(page.locator("#live-note")).hasCount(0);
        assertThat(page.locator("#accounts td.health").first()).containsText("Token valid until");
        Browser.screenshot(page, "accounts-health-done");
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 50);
    }

    @Test
    void an_operator_connects_an_account_with_instagram_through_the_sandbox_authorize_page() {
        Page page = signedIn(operator);
        page.navigate(app.url("/accounts/connect"));
        Browser.screenshot(page, "accounts-connect");
        page.locator("#connect-instagram").click();
        assertThat(page.locator("h1")).containsText("Instagram");
        String username = "oauth_" + ProcessHandle.current().pid();
        page.locator("#new_username").fill(username);
        Browser.screenshot(page, "sandbox-authorize");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();

        assertThat(page.locator(".page-title")).hasText("@" + username);
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Connected through Instagram");
        assertThat(page.locator("#quota")).containsText("of 50", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        assertThat(page.locator("#token")).containsText("Expires");
        Browser.screenshot(page, "account-detail");

        page.navigate(app.url("/accounts/connect"));
        page.locator("#connect-instagram").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")).click();
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Instagram did not grant access");

        page.navigate(app.url("/accounts/connect/callback?code=stolen&state=forged"));
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("does not belong to a connection you started");
    }

    private static java.net.URI readyPicture(Path file) {
        MediaLibrary library = app.bean(MediaLibrary.class);
        SignedIn.as(operator, "OPERATOR");
        try (var in = Files.newInputStream(file)) {
            long id = ((UploadResult.Stored) library.upload(file.getFileName().toString(), in, operator)).item().id();
            eventually(Duration.ofSeconds(90), () -> assertThat(library.find(id).orElseThrow().status())
                    .isEqualTo(MediaStatus.READY));
            return library.signedUrl(id, Duration.ofMinutes(30));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            SignedIn.out();
        }
    }

    @Test
    void a_viewer_is_told_the_live_quota_is_for_operators() {
        SignedIn.as(operator, "OPERATOR");
        long id;
        try {
            id = app.bean(Connections.class).createSandboxAccounts(io.switchboard.platform.Platform.INSTAGRAM, 1, "quotaview", "",
                    java.net.URI.create(app.url("/accounts/connect/callback"))).getFirst();
        } finally {
            SignedIn.out();
        }
        Page page = signedIn(Operators.create(app, "VIEWER"));
        page.navigate(app.url("/accounts/" + id));
        assertThat(page.locator("#quota-for-operators")).containsText("Operators see the live quota");
        assertThat(page.locator("#quota")).hasCount(0);
        page.setViewportSize(390, 844);
        Browser.screenshot(page, "account-detail-viewer-390");
        page.setViewportSize(1440, 900);
        Browser.screenshot(page, "account-detail-viewer-1440");
    }

    @Test
    void every_account_page_shows_the_platform_on_a_phone_and_on_a_desktop() {
        String tag = "platform" + ProcessHandle.current().pid();
        long id;
        SignedIn.as("browser-test", "OPERATOR");
        try {
            id = SandboxControl.connect(app, SandboxControl.account(app, tag).accessToken(), tag);
        } finally {
            SignedIn.out();
        }
        for (int width : new int[]{390, 1440}) {
            Page page = signedIn(operator);
            page.setViewportSize(width, 900);
            page.navigate(app.url("/accounts?platform=instagram&tag=" + tag));
            assertThat(page.locator("#platform")).hasValue("instagram");
            assertThat(page.locator("#accounts tbody tr")).hasCount(1);
            assertThat(page.locator("#accounts tbody tr .badge.platform")).hasText("Instagram");
            Browser.screenshot(page, "accounts-platform-" + width);
            page.locator("#platform").selectOption("");
            page.locator("#filters button[type=submit]").click();
            assertThat(page).not().hasURL(java.util.regex.Pattern.compile(".*platform=instagram.*"));

            page.navigate(app.url("/accounts/" + id));
            assertThat(page.locator("#profile .badge.platform")).hasText("Instagram");
            assertThat(page.locator("#profile")).containsText("Instagram id");
            Browser.screenshot(page, "account-detail-" + width);

            page.navigate(app.url("/accounts/connect"));
            assertThat(page.locator("#sign-in-instagram h2")).hasText("Connect with Instagram");
            assertThat(page.locator("#token-platform")).hasValue("instagram");
            Browser.screenshot(page, "accounts-connect-" + width);

            page.navigate(app.url("/accounts/import"));
            assertThat(page.locator("#import-form")).isVisible();
            assertThat(page.locator("main")).containsText("required: the platform, one of");
            Browser.screenshot(page, "accounts-import-" + width);
            page.close();
        }
    }

    @Test
    void a_permalink_of_a_sandbox_post_opens_the_post() {
        Credentials account = SandboxControl.account(app, "permalink");
        InstagramGraph graph = app.bean(InstagramGraph.class);
        SandboxControl.settings(app, Duration.ZERO, Duration.ZERO, 50);
        {
            // the sandbox fetches only this app's own signed media URLs, like Meta fetches only public ones
            var photo = readyPicture(Clips.image(files, "post.jpg", 1080, 1080));
            String container = graph.createContainer(account, ContainerRequest.image(photo, "Hello from the sandbox #demo"))
                    .orElseThrow().id();
            eventually(() -> assertThat(graph.containerStatus(account, container).orElseThrow().state())
                    .isEqualTo(ContainerState.FINISHED));
            String mediaId = graph.publish(account, container).orElseThrow().mediaId();
            String permalink = graph.media(account, mediaId).orElseThrow().permalink();

            Page page = browser.newPage();
            page.navigate(permalink);
            assertThat(page.locator("#post")).containsText("Hello from the sandbox #demo");
            Browser.screenshot(page, "sandbox-post");
        }
    }

    @Test
    void an_admin_injects_an_error_on_the_sandbox_page() {
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(app.url("/sandbox"));
        page.locator("#error").selectOption("190/460");
        page.locator("#call").selectOption("publish");
        page.locator("#times").fill("2");
        page.locator("#add-fault button[type=submit]").click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Injecting 190/460");
        assertThat(page.locator("#faults")).containsText("token invalid: password changed");
        Browser.screenshot(page, "sandbox-settings");
        page.locator("#faults button", new Page.LocatorOptions().setHasText("Remove")).first().click();
        assertThat(page.locator("#faults")).containsText("None");
    }

    @Test
    void a_viewer_sees_the_account_pages_but_every_action_is_refused() {
        String viewer = Operators.create(app, "VIEWER");
        WebSession operatorSession = Operators.signedIn(app, operator, Operators.PASSWORD);
        operatorSession.get(app.url("/accounts/connect"));
        String accountPage = operatorSession.post(app.url("/accounts/connect/token"), Map.of("token",
                SandboxControl.account(app, "viewer").accessToken(), "timeZone", "UTC", "tags", "", "platform",
                "instagram")).headers()
                .firstValue("Location").orElseThrow();
        long someAccount = Long.parseLong(accountPage.substring(accountPage.lastIndexOf('/') + 1));

        Page page = signedIn(viewer);
        page.navigate(app.url("/accounts"));
        assertThat(page.locator(".page-title")).hasText("Accounts");
        assertThat(page.locator("#accounts tbody tr").first()).isVisible();
        assertThat(page.locator("#read-only-note")).isVisible();
        assertThat(page.locator("#accounts input[name=ids]")).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check health"))).hasCount(0);
        assertThat(page.locator("nav.sidebar")).not().containsText("Sandbox");
        Browser.screenshot(page, "accounts-viewer");
        page.navigate(app.url("/accounts/" + someAccount));
        assertThat(page.locator("#profile")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable"))).hasCount(0);
        page.navigate(app.url("/accounts/import"));
        assertThat(page.locator("#import-form")).hasCount(0);

        WebSession forged = Operators.signedIn(app, viewer, Operators.PASSWORD);
        forged.get(app.url("/accounts"));
        String[] touched = {"account", "account_tag", "account_import", "task", "sandbox_account", "sandbox_setting",
                "sandbox_fault", "sandbox_token"};
        var before = TableSnapshot.settled(app.bean(org.jooq.DSLContext.class), touched);
        for (String path : List.of("/accounts/bulk", "/accounts/bulk/confirm", "/accounts/connect/token",
                "/accounts/connect/oauth", "/accounts/connect/sandbox", "/accounts/import",
                "/accounts/" + someAccount + "/disable", "/accounts/" + someAccount + "/health",
                "/sandbox/admin/settings", "/sandbox/admin/reset")) {
            var response = forged.post(app.url(path), Map.of("action", "disable", "ids", "1", "token", "x", "count", "1",
                    "csv", "access_token\nx\n", "latencyMs", "0", "processingDelayMs", "0", "publishQuota", "1",
                    "hourlyCallBudget", "1"));
            assertThat(response.statusCode()).as("POST %s by a viewer", path).isEqualTo(403);
        }
        assertThat(forged.get(app.url("/sandbox")).statusCode()).isEqualTo(403);
        assertThat(operatorSession.get(app.url("/sandbox")).statusCode()).as("the Sandbox page is for admins").isEqualTo(403);
        assertThat(app.bean(io.switchboard.accounts.Accounts.class).find(someAccount).orElseThrow().status())
                .isEqualTo(io.switchboard.accounts.AccountStatus.ACTIVE);
        assertThat(TableSnapshot.of(app.bean(org.jooq.DSLContext.class), touched))
                .as("no account changed or connected, no import kept, no task queued, the sandbox untouched")
                .isEqualTo(before);
    }

    private static Page signedIn(String username) {
        return signedIn(username, Operators.PASSWORD);
    }

    private static Page signedIn(String username, String password) {
        Page page = browser.newPage();
        Browser.signIn(page, app, username, password);
        return page;
    }

    private static Path csv(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content);
    }
}

package io.switchboard.publishing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.accounts.Accounts;
import io.switchboard.infrastructure.Moments;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.tasks.TaskKind;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.Screens;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.LoopbackProxy;
import testsupport.SignedIn;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * Pages that never mislead (issue 13, items 1 to 6 and 10), in a real Chromium against a real instance on its own
 * database, publishing to the sandbox: each test is a case where a page used to say something untrue.
 */
class PagesTellTheTruthBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocatorAssertions.ContainsTextOptions SLOW = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(40_000);
    private static final DateTimeFormatter PLAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static AppInstance app;
    private static Browser browser;
    private static PublishingFixture fixture;
    private static String operator;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.tasks.poll-interval=200ms",
                "switchboard.tasks.promote-interval=100ms", "switchboard.proxies.diagnostics-interval=1h");
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(1), 50);
        browser = new Browser();
        fixture = new PublishingFixture(app);
        operator = Operators.create(app, "OPERATOR");
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void the_overview_is_current_on_every_load_and_stays_current() {
        SignedIn.as("truth-setup", "ADMIN");
        Tasks tasks = app.bean(Tasks.class);
        TaskKind<String> idle = TaskKind.of("test.idle", String.class);
        Supplier<TaskRequest<String>> waiting = () -> TaskRequest.of(idle, "nobody runs this queue").withQueue("truth");
        tasks.pauseQueue("truth", "test");
        for (int i = 0; i < 3; i++) {
            tasks.submit(waiting.get());
        }
        Page page = signedIn();
        page.navigate(app.url("/"));
        Locator queue = page.locator("#queue-depths tr").filter(new Locator.FilterOptions().setHasText("truth"));
        assertThat(queue).containsText("3");
        assertThat(queue).containsText("paused");

        // the database changes; the very next load shows it (it used to show the previous visit's snapshot)
        tasks.resumeQueue("truth", "test");
        tasks.submit(waiting.get());
        tasks.submit(waiting.get());
        page.navigate(app.url("/"));
        assertThat(queue.locator("td").nth(1)).hasText("5");
        assertThat(queue).containsText("running");

        // and it stays current without a reload
        tasks.submit(waiting.get());
        assertThat(queue.locator("td").nth(1)).hasText("6", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        shots(page, "overview");
    }

    @Test
    void a_post_that_waits_for_another_campaigns_post_says_for_what_and_until_when_on_every_page() {
        SignedIn.as("truth-setup", "OPERATOR");
        var brand = fixture.accounts(1, "waits").getFirst();
        String username = app.bean(Accounts.class).find(brand.id()).orElseThrow().username();
        var media = fixture.images(3);
        Campaigns campaigns = app.bean(Campaigns.class);
        // "Retry me" fails first (the platform refuses its container once) ...
        SandboxControl.inject(app, 36001, 2207005, "container", Long.parseLong(brand.platformUserId()), 1);
        long retryMe = campaigns.launch(campaign("Retry me", brand, media.get(0), Duration.ofMinutes(60)), "test");
        eventually(WAIT, () -> assertThat(fixture.posts(retryMe).getFirst().status()).isEqualTo(PostStatus.FAILED));
        // ... while "Autumn launch" publishes on the same account
        long autumn = campaigns.launch(campaign("Autumn launch", brand, media.get(1), Duration.ofMinutes(60)), "test");
        eventually(WAIT, () -> assertThat(fixture.posts(autumn).getFirst().status()).isEqualTo(PostStatus.PUBLISHED));
        Instant published = fixture.posts(autumn).getFirst().publishedAt().toInstant();
        Instant goesOut = published.plus(Duration.ofMinutes(60));
        SignedIn.out();

        // retried from its row, the post waits for the spacing after Autumn launch's post, and the page says so
        Page page = signedIn();
        page.navigate(app.url("/campaigns/" + retryMe));
        Locator row = page.locator("#posts tr[data-post='1']");
        assertThat(row).containsText("failed");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry post 1")).click();
        String reason = "waits for the 60-minute spacing after @" + username + "'s " + Moments.near(published, Instant.now())
                + " post from Autumn launch: goes out about " + Moments.near(goesOut, Instant.now());
        assertThat(row.locator(".wait")).containsText(reason, SLOW);
        assertThat(row.locator(".when-time")).hasText("about " + Moments.near(goesOut, Instant.now()));
        assertThat(row.locator(".state")).hasText("scheduled");
        shots(page, "campaign-post-waits");

        // its task says what it is about and logs the same words
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Task of post 1")).click();
        assertThat(page.locator("#task-about")).containsText("post 1 of Retry me");
        assertThat(page.locator("#task-about")).containsText("@" + username);
        assertThat(page.locator("#task-log")).containsText("waits for the 60-minute spacing after @" + username);
        assertThat(page.locator("#task-log")).not().containsText("PT1H");
        shots(page, "task-detail");
        page.navigate(app.url("/tasks?kind=publishing.post"));
        assertThat(page.locator("#tasks")).containsText("post 1 of Retry me");
        assertThat(page.locator("#tasks")).not().containsText("account:" + brand.id());
        shots(page, "tasks");

        // the account's page and the export read the same truth
        page.navigate(app.url("/accounts/" + brand.id()));
        assertThat(page.locator("#recent-posts")).containsText("Retry me, post 1");
        assertThat(page.locator("#recent-posts")).containsText(reason);
        String csv = page.request().get(app.url("/campaigns/" + retryMe + "/posts.csv")).text();
        assertThat(csv).contains("@" + username, "scheduled",
                "the 60-minute spacing after @" + username, goesOut.atOffset(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));

        // a new campaign's plan makes room for both campaigns' posts and says why its post goes out when it does
        Instant planned = goesOut.plus(Duration.ofMinutes(60));
        preview(page, "Winter", brand.id(), media.get(2), "60");
        Locator planned1 = page.locator("#plan tbody tr").first();
        assertThat(planned1).containsText(PLAN_TIME.format(planned.atOffset(ZoneOffset.UTC)) + " UTC");
        assertThat(planned1).containsText("waits for the 60-minute spacing after @" + username + "'s "
                + Moments.near(goesOut, planned) + " post from Retry me");
        assertThat(page.locator("#verdict")).containsText("It can launch");
        assertThat(page.locator("#problems")).containsText("Warning: 1 post goes out later to keep the spacing with the "
                + "same accounts' posts from other campaigns (Retry me: 1)");
        assertThat(page.locator("#no-problems")).hasCount(0);
        shots(page, "campaign-preview-spacing");
    }

    @Test
    void the_preview_says_a_down_proxy_will_hold_posts_and_which_findings_block_and_the_campaign_shows_them_held() {
        SignedIn.as("truth-setup", "OPERATOR");
        var accounts = fixture.accounts(3, "lab");
        var media = fixture.images(1);
        Proxies proxies = app.bean(Proxies.class);
        long proxy = proxies.add(new ProxyDraft("lab-down", "socks5", "127.0.0.1",
                String.valueOf(LoopbackProxy.refusing()), "", null, "", "", true));
        proxies.diagnose(List.of(proxy));
        eventually(WAIT, () -> assertThat(proxies.find(proxy).orElseThrow().status()).isEqualTo(ProxyStatus.DOWN));
        proxies.assign(List.of(accounts.get(0).id()), proxy);
        app.bean(Accounts.class).disable(List.of(accounts.get(2).id()));
        Accounts names = app.bean(Accounts.class);
        String routed = names.find(accounts.get(0).id()).orElseThrow().username();
        String disabled = names.find(accounts.get(2).id()).orElseThrow().username();
        SignedIn.out();

        Page page = signedIn();
        page.navigate(app.url("/campaigns/new"));
        page.locator("#name").fill("Lab launch");
        page.locator("#postType").selectOption("IMAGE");
        page.locator("#accountTag").selectOption("lab");
        page.locator("#media-choices input[value='" + media.getFirst() + "']").check();
        page.locator("#spacingMinutes").fill("0");
        page.locator("#preview-button").click();
        assertThat(page.locator("#verdict")).hasText("1 blocker must be fixed before the campaign can launch; "
                + "1 warning too.");
        assertThat(page.locator("#problems li[data-severity=error]")).containsText("Blocker: @" + disabled
                + " is disabled: 1 post of @" + disabled + " cannot go out.");
        assertThat(page.locator("#problems li[data-severity=warning]")).containsText("Warning: Proxy lab-down is down");
        assertThat(page.locator("#problems li[data-severity=warning]")).containsText("1 post of @" + routed
                + " will be held until it is fixed");
        assertThat(page.locator("#launch-button")).isDisabled();
        shots(page, "campaign-preview-blocker");

        // without the disabled account it can launch, warned; the post is then held for the proxy, as predicted
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to the form")).click();
        page.locator("#accountTag").selectOption("");
        page.locator("#account-choices input[value='" + accounts.get(0).id() + "']").check();
        page.locator("#account-choices input[value='" + accounts.get(1).id() + "']").check();
        page.locator("#preview-button").click();
        assertThat(page.locator("#verdict")).hasText("It can launch, but read the warning: some posts will be held "
                + "or go out later than asked.");
        assertThat(page.locator("#no-problems")).hasCount(0);
        assertThat(page.locator("#plan")).containsText("Warning: held: proxy down");
        shots(page, "campaign-preview-warning");
        page.onceDialog(dialog -> dialog.accept());
        page.locator("#launch-button").click();
        Locator held = page.locator("#posts tr[data-status=paused]");
        assertThat(held).containsText("held", SLOW);
        assertThat(held).containsText("@" + routed);
        assertThat(held).containsText("lab-down");
        assertThat(page.locator("#per-account thead")).containsText("Held");
        assertThat(page.locator("#post-counts")).containsText("1 held");
        shots(page, "campaign-held");

        page.navigate(app.url("/campaigns"));
        assertThat(page.locator("#campaigns tr").filter(new Locator.FilterOptions().setHasText("Lab launch"))
                .locator(".held-badge")).hasText("1 held");
        shots(page, "campaigns");

        // the Overview leads with it: the held post with its reason and fix, and the proxy that is down
        page.navigate(app.url("/"));
        Locator attention = page.locator("#needs-attention");
        assertThat(attention.locator("li[data-status=paused]")).containsText("1 post of Lab launch on @" + routed);
        assertThat(attention.locator("li[data-status=paused]")).containsText("lab-down");
        assertThat(attention.locator("li[data-proxy='" + proxy + "']")).containsText("lab-down");
        assertThat(page.locator("#count-proxies-down")).hasText("1");
        assertThat((Boolean) page.evaluate("() => !!(document.querySelector('#needs-attention').compareDocumentPosition("
                + "document.querySelector('#throughput-chart')) & Node.DOCUMENT_POSITION_FOLLOWING)")).as(
                "what operators care about comes before the engine's figures").isTrue();
        shots(page, "overview-attention");

        page.navigate(app.url("/accounts?tag=lab"));
        Locator route = page.locator("#accounts tr[data-username='" + routed + "'] .route");
        assertThat(route).containsText("lab-down");
        assertThat(route).containsText("down");
        shots(page, "accounts");
    }

    @Test
    void one_post_is_cancelled_from_its_row_a_cancelled_campaign_is_no_full_green_bar_and_the_page_stops_polling() {
        SignedIn.as("truth-setup", "OPERATOR");
        var brand = fixture.accounts(1, "stopped").getFirst();
        var media = fixture.images(3);
        var spec = new CampaignSpec("Stopped early", List.of(brand.id()), null, media,
                new CaptionStrategy.Template("Stopped {media.title} #{n}"), List.of(), new Assignment.EveryAccountEveryMedia(),
                new Schedule(null, Duration.ofMinutes(90), null, null, 10), new PostOptions(PostType.IMAGE, false, null, 0));
        long id = app.bean(Campaigns.class).launch(spec, "test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.PUBLISHED));
        SignedIn.out();

        Page page = signedIn();
        page.navigate(app.url("/campaigns/" + id));
        assertThat(page.locator("#campaign-live")).hasAttribute("hx-trigger", Pattern.compile("every"));
        page.locator("#posts tr[data-post='3']").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Cancel post 3")).click();
        assertThat(page.locator("#confirm-details")).containsText("Post 3 of @");
        page.locator("#confirm-button").click();
        assertThat(page.locator("#posts tr[data-post='3'] .state")).hasText("cancelled");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("The post is cancelled");

        page.locator("#cancel-rest").click();
        page.locator("#confirm-button").click();
        assertThat(page.locator("#campaign-status")).hasText("cancelled");
        assertThat(page.locator("#campaign-progress-words")).hasText("1 published, 2 cancelled of 3 posts");
        Locator bar = page.locator("#campaign-live .post-bar");
        assertThat(bar.locator("rect[data-status=published]")).hasAttribute("width", Pattern.compile("^33\\.3"));
        assertThat(bar.locator("rect[data-status=cancelled]")).hasCount(1);
        assertThat(page.locator("#campaign-live")).not().hasAttribute("hx-trigger", Pattern.compile(".*"));
        assertThat(page.locator("#not-live")).isVisible();
        shots(page, "campaign-cancelled");

        page.navigate(app.url("/campaigns"));
        Locator listed = page.locator("#campaigns tr").filter(new Locator.FilterOptions().setHasText("Stopped early"));
        assertThat(listed.locator("rect[data-status=published]")).hasAttribute("width", Pattern.compile("^33\\.3"));
        assertThat(listed).containsText("1 published, 2 cancelled of 3 posts");
    }

    @Test
    void an_account_page_never_contradicts_its_banner_offers_one_of_enable_and_disable_and_reconnect_reconnects_it() {
        SignedIn.as("truth-setup", "OPERATOR");
        var connected = fixture.accounts(2, "recon");
        Accounts accounts = app.bean(Accounts.class);
        var brand = connected.get(0);
        var other = connected.get(1);
        String username = accounts.find(brand.id()).orElseThrow().username();
        String otherName = accounts.find(other.id()).orElseThrow().username();
        // connecting checked the token (health ok); then the platform refused it while publishing
        accounts.markNeedsReconnect(brand.id(), "The platform refused the token: Error validating access token (190)");
        SignedIn.out();

        Page page = signedIn();
        page.navigate(app.url("/accounts/" + brand.id()));
        assertThat(page.locator("#status-reason")).containsText("NEEDS RECONNECT");
        assertThat(page.locator("#last-check .status-active")).hasCount(0);
        assertThat(page.locator("#check-outdated")).containsText("Outdated: the account was marked needs reconnect");
        assertThat(page.locator("#health-message")).hasCount(0);
        assertThat(page.locator("#enable")).hasCount(0);
        assertThat(page.locator("#disable-account")).isVisible();
        shots(page, "account-needs-reconnect");

        // Reconnect signs in for this account: a sign-in as another account is refused and changes nothing
        page.locator("#reconnect").click();
        page.locator("label.choice").filter(new Locator.FilterOptions().setHasText("@" + otherName)).locator("input").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("This sign-in opens @" + otherName + ", not @"
                + username + ". Nothing was changed");
        assertThat(page.locator("#status-reason")).containsText("NEEDS RECONNECT");
        page.locator("#reconnect").click();
        page.locator("label.choice").filter(new Locator.FilterOptions().setHasText("@" + username)).locator("input").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Reconnected through Instagram");
        assertThat(page.locator("#status-reason")).hasCount(0);
        assertThat(page.locator("#last-check .status-active")).hasText("ok");
        assertThat(page.locator("#reconnect")).hasCount(0);
        assertThat(page.locator("#enable")).hasCount(0);
        assertThat(page.locator("#disable-account")).isVisible();
        shots(page, "account-reconnected");

        // without Instagram's sign-in the same is done with a pasted token, checked to open this account
        page.navigate(app.url("/accounts/" + brand.id() + "/reconnect"));
        page.locator("#token").fill(SandboxControl.newToken(app, other.platformUserId()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check and reconnect")).click();
        assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("This sign-in opens @" + otherName);
        shots(page, "account-reconnect-token");
        page.locator("#token").fill(SandboxControl.newToken(app, brand.platformUserId()));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check and reconnect")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Reconnected");

        // restricted: resolved or disable; disabled: enable only
        SignedIn.as("truth-setup", "OPERATOR");
        accounts.markRestricted(other.id(), "The platform restricted the account: spam (2207051)");
        page.navigate(app.url("/accounts/" + other.id()));
        assertThat(page.locator("#resolved")).isVisible();
        assertThat(page.locator("#disable-account")).isVisible();
        assertThat(page.locator("#enable")).hasCount(0);
        accounts.disable(List.of(other.id()));
        page.navigate(app.url("/accounts/" + other.id()));
        assertThat(page.locator("#enable")).isVisible();
        assertThat(page.locator("#disable-account")).hasCount(0);
        assertThat(page.locator("#resolved")).hasCount(0);
        shots(page, "account-disabled");
    }

    private static CampaignSpec campaign(String name, PublishingFixture.Connected account, long mediaId, Duration spacing) {
        return new CampaignSpec(name, List.of(account.id()), null, List.of(mediaId),
                new CaptionStrategy.Template(name + " {media.title} #{n}"), List.of(), new Assignment.EveryAccountEveryMedia(),
                new Schedule(null, spacing, null, null, 10), new PostOptions(PostType.IMAGE, false, null, 0));
    }

    private static void preview(Page page, String name, long accountId, long mediaId, String spacingMinutes) {
        page.navigate(app.url("/campaigns/new"));
        page.locator("#name").fill(name);
        page.locator("#postType").selectOption("IMAGE");
        page.locator("#account-choices input[value='" + accountId + "']").check();
        page.locator("#media-choices input[value='" + mediaId + "']").check();
        page.locator("#spacingMinutes").fill(spacingMinutes);
        page.locator("#preview-button").click();
        assertThat(page.locator(".page-title")).hasText("Preview: " + name);
    }

    private static Page signedIn() {
        Page page = browser.newPage();
        Browser.signIn(page, app, operator, Operators.PASSWORD);
        return page;
    }

    private static void shots(Page page, String name) {
        Screens.both(page, "truth-" + name);
    }
}

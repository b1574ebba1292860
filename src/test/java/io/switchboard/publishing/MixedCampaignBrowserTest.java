package io.switchboard.publishing;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Platform;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.sandbox.TikTokControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Axe;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * One campaign, one video, an Instagram and a TikTok account, in a real Chromium: the operator makes a sandbox
 * account of each platform on the Connect page, plans the campaign with a caption per platform and TikTok's options
 * (who may see it, interactions, disclosure with the declaration TikTok requires), previews and launches. Both posts
 * publish, each sandbox's own record holds exactly one post, and the campaign page, the post pages and the sandboxes'
 * post pages name the platform. Screenshots at 1440 and 390 px; axe-core finds nothing serious on any of them.
 */
class MixedCampaignBrowserTest {
    private static Browser browser;
    private static AppInstance app;
    private static String operator;
    private static long video;
    private static final String TAG = "mixed" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        browser = new Browser();
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        operator = Operators.create(app, "ADMIN");
        TikTokControl.settings(app, Duration.ZERO, Duration.ofSeconds(1), 15, false);
        SignedIn.as("browser-setup", "OPERATOR");
        try {
            video = new PublishingFixture(app).videos(1).getFirst();
        } finally {
            SignedIn.out();
        }
    }

    @AfterAll
    static void stop() {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        TikTokControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 15, true);
        browser.close();
    }

    @Test
    void one_video_goes_to_an_instagram_and_a_tiktok_account_with_a_caption_and_options_per_platform() {
        Page page = browser.newPage();
        // a loaded 2-core machine (the whole suite beside it) takes its time over the campaign form
        page.setDefaultTimeout(90_000);
        page.setDefaultNavigationTimeout(90_000);
        Browser.signIn(page, app, operator, Operators.PASSWORD);
        List<String> axe = new ArrayList<>();

        createSandboxAccount(page, "instagram", TAG + "ig");
        createSandboxAccount(page, "tiktok", TAG + "tt");
        Account instagram = app.bean(Accounts.class).byTag(TAG + "ig").getFirst();
        Account tiktok = app.bean(Accounts.class).byTag(TAG + "tt").getFirst();
        org.assertj.core.api.Assertions.assertThat(instagram.platform()).isEqualTo(Platform.INSTAGRAM);
        org.assertj.core.api.Assertions.assertThat(tiktok.platform()).isEqualTo(Platform.TIKTOK);

        page.navigate(app.url("/campaigns/new"));
        page.locator("#name").fill("Mixed in the browser");
        page.locator("#postType").selectOption("REELS");
        page.locator("#account-choices input[value='" + instagram.id() + "']").check();
        page.locator("#account-choices input[value='" + tiktok.id() + "']").check();
        assertThat(page.locator("#account-choices li", new Page.LocatorOptions().setHas(
                page.locator("input[value='" + tiktok.id() + "']")))).containsText("TikTok");
        page.locator("#media-choices input[value='" + video + "']").check();
        page.locator("input[name=captionMode][value=template]").check();
        page.locator("#template").fill("On Instagram: {media.title}");
        page.locator("#spacingMinutes").fill("0");
        page.locator("#tt-caption").fill("On TikTok: {media.title} #fyp");
        page.locator("#tt-privacyLevel").selectOption("PUBLIC_TO_EVERYONE");
        page.locator("input[name='tiktok.allowDuets']").uncheck();
        page.locator("input[name='tiktok.brandedContent']").check();
        assertThat(page.locator("#tiktok-options #tiktok-consent")).containsText("Branded Content Policy");
        shoot(page, "mixed-campaign-form", axe);
        page.setViewportSize(390, 844);
        page.locator("#tiktok-options").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("mixed-campaign-form-tiktok-card-390.png")));
        page.setViewportSize(1440, 900);

        page.locator("#preview-button").click();
        assertThat(page.locator(".page-title")).hasText("Preview: Mixed in the browser");
        assertThat(page.locator("#plan tbody tr")).hasCount(2);
        Locator tiktokRow = page.locator("#plan tbody tr", new Page.LocatorOptions().setHasText("On TikTok"));
        assertThat(tiktokRow).containsText("TikTok");
        assertThat(tiktokRow).containsText("Everyone");
        assertThat(tiktokRow).containsText("comment, stitch");
        assertThat(tiktokRow).containsText("branded content");
        Locator instagramRow = page.locator("#plan tbody tr", new Page.LocatorOptions().setHasText("On Instagram"));
        assertThat(instagramRow).containsText("Instagram");
        assertThat(instagramRow).not().containsText("#fyp");
        assertThat(page.locator("#tiktok-consent")).containsText("Branded Content Policy and Music Usage Confirmation");
        assertThat(page.locator("#launch-button")).isEnabled();
        // each post previewed as its own platform shows it: TikTok's video is not a Reel, and TikTok's caption
        // has no hashtag or mention limit
        Locator tiktokLook = page.locator(".preview-tiktok");
        assertThat(tiktokLook.locator(".preview-kind")).hasText("TikTok video");
        assertThat(tiktokLook.locator(".preview-badge")).hasText("TikTok cover");
        assertThat(tiktokLook.locator(".preview-counts")).not().containsText("of 30 hashtags");
        assertThat(tiktokLook.locator(".preview-caption")).containsText("On TikTok");
        Locator reelLook = page.locator(".preview-reels");
        assertThat(reelLook.locator(".preview-kind")).hasText("Reel");
        assertThat(reelLook.locator(".preview-counts")).containsText("of 30 hashtags");
        shoot(page, "mixed-campaign-preview", axe);

        page.onceDialog(dialog -> dialog.accept());
        page.locator("#launch-button").click();
        assertThat(page.locator("#campaign-status")).isVisible();
        assertThat(page.locator("#posts tr[data-status=published]")).hasCount(2,
                new LocatorAssertions.HasCountOptions().setTimeout(120_000));
        assertThat(rowOf(page, instagram)).containsText("Instagram");
        assertThat(rowOf(page, tiktok)).containsText("TikTok");
        assertThat(rowOf(page, tiktok)).containsText("On TikTok");
        shoot(page, "mixed-campaign", axe);

        // each sandbox's own record: exactly one post each
        org.assertj.core.api.Assertions.assertThat(SandboxControl.publishes(app, instagram.platformUserId())).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(TikTokControl.publishes(app, tiktok.platformUserId())).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(TikTokControl.posts(app, tiktok.platformUserId()))
                .singleElement().asString().contains("On TikTok");

        Locator instagramLink = rowOf(page, instagram).locator("a.permalink");
        assertThat(instagramLink).hasText("open on Instagram");
        assertThat(instagramLink).hasAttribute("href", java.util.regex.Pattern.compile("/sandbox/p/"));
        Locator tiktokLink = rowOf(page, tiktok).locator("a.permalink");
        assertThat(tiktokLink).hasText("open on TikTok");
        assertThat(tiktokLink).hasAttribute("href", java.util.regex.Pattern.compile("/sandbox/tiktok/p/"));
        String tiktokPost = tiktokLink.getAttribute("href");
        String instagramPost = instagramLink.getAttribute("href");

        page.navigate(tiktokPost);
        assertThat(page.locator("#post")).containsText("On TikTok");
        assertThat(page.locator("#post")).containsText("@" + tiktok.username());
        shoot(page, "mixed-tiktok-sandbox-post", axe);
        page.navigate(instagramPost);
        assertThat(page.locator("#post")).containsText("On Instagram");

        page.navigate(app.url("/posts/" + postIdOf(tiktok)));
        assertThat(page.locator("#post-platform")).hasText("TikTok");
        assertThat(page.locator(".preview .preview-kind")).hasText("TikTok video");
        assertThat(page.locator("#post-permalink")).hasText("Open it on TikTok");
        assertThat(page.locator("#post-permalink")).hasAttribute("href", tiktokPost);
        shoot(page, "mixed-post-page-tiktok", axe);
        page.navigate(app.url("/posts/" + postIdOf(instagram)));
        assertThat(page.locator("#post-platform")).hasText("Instagram");
        assertThat(page.locator("#post-permalink")).hasAttribute("href", instagramPost);

        page.navigate(app.url("/media/" + video));
        assertThat(page.locator("#spec-report h2")).containsText("Reels");
        assertThat(page.locator("#tiktok-report")).containsText("Within TikTok's rules");
        assertThat(page.locator("#tiktok-report [data-rule]")).hasCount(6);
        assertThat(page.locator("#tiktok-report [data-rule='Duration']")).containsText("3 s to 10 min");
        shoot(page, "mixed-media-tiktok-report", axe);

        page.navigate(app.url("/sandbox/admin/tiktok"));
        assertThat(page.locator("#tiktok-posts")).containsText("On TikTok");
        shoot(page, "mixed-tiktok-sandbox-admin", axe);

        org.assertj.core.api.Assertions.assertThat(axe).as(String.join("\n", axe)).isEmpty();
    }

    private static void createSandboxAccount(Page page, String platform, String tag) {
        page.navigate(app.url("/accounts/connect"));
        page.locator("#sandbox-platform").selectOption(platform);
        page.locator("#count").fill("1");
        page.locator("#prefix").fill(tag.replace("-", ""));
        page.locator("#sandbox-tags").fill(tag);
        page.locator("#create-sandbox button[type=submit]").click();
        page.waitForLoadState();
        testsupport.TaskWaits.eventually(Duration.ofSeconds(60),
                () -> org.assertj.core.api.Assertions.assertThat(app.bean(Accounts.class).byTag(tag)).hasSize(1));
    }

    private static Locator rowOf(Page page, Account account) {
        return page.locator("#posts tbody tr", new Page.LocatorOptions().setHas(
                page.locator("a[href$='/accounts/" + account.id() + "']")));
    }

    private static long postIdOf(Account account) {
        return app.bean(org.jooq.DSLContext.class).fetchSingle("SELECT id FROM campaign_post WHERE account_id = {0}",
                account.id()).get(0, Long.class);
    }

    /** A screenshot at 1440 and at 390 px, and axe-core's serious or critical findings at both. */
    private static void shoot(Page page, String name, List<String> failures) {
        for (int width : new int[]{1440, 390}) {
            page.setViewportSize(width, width == 390 ? 844 : 900);
            Browser.screenshot(page, name + "-" + width);
            for (Rule rule : Axe.violations(page)) {
                if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                    failures.add(name + " at " + width + " px: " + rule.getId() + " (" + rule.getHelp() + ") on "
                            + rule.getNodes().stream().map(n -> n.getTarget() + " " + n.getHtml()).limit(3).toList());
                }
            }
            Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
            if (((Number) overflow).intValue() > 1) {
                failures.add(name + " at " + width + " px is " + overflow + " px wider than the window");
            }
        }
        page.setViewportSize(1440, 900);
    }
}

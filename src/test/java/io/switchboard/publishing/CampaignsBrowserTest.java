package io.switchboard.publishing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.time.Duration;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Campaigns pages in a real Chromium against a real instance publishing to the sandbox: a form with a
 * mistake, the preview, the launch, the campaign going out live, and the published post's page.
 */
class CampaignsBrowserTest {
    private static Browser browser;
    private static AppInstance app;
    private static String operator;
    private static List<PublishingFixture.Connected> accounts;
    private static List<Long> media;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        browser = new Browser();
        operator = Operators.create(app, "OPERATOR");
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(1), 50);
        SignedIn.as("browser-setup", "OPERATOR");
        try {
            var fixture = new PublishingFixture(app);
            accounts = fixture.accounts(2, "campaignweb");
            media = fixture.images(2);
        } finally {
            SignedIn.out();
        }
    }

    @AfterAll
    static void stop() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(3), 50);
        browser.close();
    }

    @Test
    void a_large_plan_is_previewed_a_page_of_posts_at_a_time_with_its_real_total() {
        SignedIn.as("browser-setup", "OPERATOR");
        List<PublishingFixture.Connected> big;
        try {
            big = new PublishingFixture(app).accounts(26, "bigplan");
        } finally {
            SignedIn.out();
        }
        Page page = browser.newPage();
        Browser.signIn(page, app, operator, Operators.PASSWORD);
        page.navigate(app.url("/campaigns/new"));
        page.locator("#name").fill("Fifty-two posts");
        page.locator("#postType").selectOption("IMAGE");
        page.locator("#accountTag").selectOption("bigplan");
        media.forEach(m -> page.locator("#media-choices input[value='" + m + "']").check());
        page.locator("input[name=assignment][value=every]").check();
        page.locator("#spacingMinutes").fill("0");
        page.locator("#preview-button").click();

        assertThat(page.locator(".page-title")).hasText("Preview: Fifty-two posts");
        assertThat(page.locator("#plan tbody tr")).hasCount(50);
        assertThat(page.locator("#plan-range")).hasText("1–50 of 52");
        assertThat(page.locator("#launch-button")).hasText("Launch 52 post(s)");
        assertThat(page.locator("#plan-pager button").first()).isDisabled();
        for (int width : new int[] {1440, 390}) {
            page.setViewportSize(width, 900);
            Browser.screenshot(page, "campaign-preview-paged-" + width);
        }
        page.setViewportSize(1440, 900);

        page.locator("#plan-next").click();
        assertThat(page.locator("#plan-range")).hasText("51–52 of 52");
        assertThat(page.locator("#plan tbody tr")).hasCount(2);
        assertThat(page.locator("#plan tbody tr").first().locator("td").first()).hasText("51");
        assertThat(page.locator("#plan-next")).isDisabled();
        // the whole plan is still what launches
        assertThat(page.locator("#launch-button")).hasText("Launch 52 post(s)");
        assertThat(page.locator(".page-title")).hasText("Preview: Fifty-two posts");
        // the second page was read from the plan kept by the first, not planned again
        String kept = page.locator("#launch-form input[name=draft]").getAttribute("value");
        assertThat(page.locator("#plan-pager input[name=draft]")).hasValue(kept);
        assertThat(page.locator("#replanned")).hasCount(0);
        org.jooq.DSLContext db = app.bean(org.jooq.DSLContext.class);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft_post").where("draft_id = '" + kept + "'")))
                .isEqualTo(52);

        // an account of the plan is disabled meanwhile: the previous page plans again, says so, and shows the blocker
        db.execute("UPDATE account SET status = 'DISABLED' WHERE id = " + big.getFirst().id());
        page.locator("#plan-pager button").first().click();
        assertThat(page.locator("#replanned")).containsText("Planned again: something its plan depends on changed");
        assertThat(page.locator("#verdict")).containsText("1 blocker");
        assertThat(page.locator("#launch-button")).isDisabled();
        assertThat(page.locator("#plan-range")).hasText("1–50 of 52");
        assertThat(page.locator("#launch-form input[name=draft]")).not().hasValue(kept);
        for (int width : new int[] {1440, 390}) {
            page.setViewportSize(width, 900);
            Browser.screenshot(page, "campaign-preview-replanned-" + width);
        }
        page.setViewportSize(1440, 900);

        // enabled again: the next page plans again without the blocker
        db.execute("UPDATE account SET status = 'ACTIVE' WHERE id = " + big.getFirst().id());
        page.locator("#plan-next").click();
        assertThat(page.locator("#replanned")).containsText("Planned again");
        assertThat(page.locator("#plan-range")).hasText("51–52 of 52");
        assertThat(page.locator("#launch-button")).isEnabled();

        // disabled again after this page was made: launching the page's plan is refused and the plan as it is now shown
        db.execute("UPDATE account SET status = 'DISABLED' WHERE id = " + big.getFirst().id());
        int campaigns = db.fetchCount(db.selectFrom("campaign"));
        page.onceDialog(dialog -> dialog.accept());
        page.locator("#launch-button").click();
        assertThat(page.locator(".page-title")).hasText("Preview: Fifty-two posts");
        assertThat(page.locator(".alert.error").first()).containsText("Not launched: something its plan depends on "
                + "changed since it was made");
        assertThat(page.locator("#verdict")).containsText("1 blocker");
        assertThat(page.locator("#launch-button")).isDisabled();
        assertThat(db.fetchCount(db.selectFrom("campaign"))).isEqualTo(campaigns);
        Browser.screenshot(page, "campaign-preview-not-launched-1440");
        db.execute("UPDATE account SET status = 'ACTIVE' WHERE id = " + big.getFirst().id());
    }

    @Test
    void an_operator_plans_a_campaign_previews_it_launches_it_and_watches_it_publish() {
        Page page = browser.newPage();
        Browser.signIn(page, app, operator, Operators.PASSWORD);
        page.navigate(app.url("/campaigns"));
        page.locator("#new-campaign").click();
        assertThat(page.locator(".page-title")).hasText("New campaign");

        // a mistake first: no media chosen, no name
        page.locator("#postType").selectOption("IMAGE");
        accounts.forEach(a -> page.locator("#account-choices input[value='" + a.id() + "']").check());
        page.locator("#preview-button").click();
        assertThat(page.locator(".alert.error").first()).containsText("fields need a change");
        assertThat(page.locator(".field.invalid, .card.invalid").first()).isVisible();
        Browser.screenshot(page, "campaign-form-errors");

        page.locator("#name").fill("Browser launch");
        media.forEach(m -> page.locator("#media-choices input[value='" + m + "']").check());
        page.locator("input[name=captionMode][value=template]").check();
        page.locator("#template").fill("{media.title} by @{account.username} #{n}");
        page.locator("input[name=assignment][value=every]").check();
        page.locator("#spacingMinutes").fill("0");
        page.locator("#preview-button").click();

        assertThat(page.locator(".page-title")).hasText("Preview: Browser launch");
        assertThat(page.locator("#plan tbody tr")).hasCount(4);
        assertThat(page.locator("#no-problems")).isVisible();
        assertThat(page.locator("#calendar li")).hasCount(1);
        // the chosen accounts and media ride in one input each (the launch below binds them back)
        assertThat(page.locator("#launch-form input[name=accounts]")).hasCount(1);
        org.assertj.core.api.Assertions.assertThat(page.locator("#launch-form input[name=accounts]").inputValue()
                .split(",")).containsExactlyInAnyOrderElementsOf(accounts.stream().map(a -> String.valueOf(a.id())).toList());
        assertThat(page.locator("#launch-form input[name=media]")).hasCount(1);
        Browser.screenshot(page, "campaign-preview");

        page.onceDialog(dialog -> dialog.accept());
        page.locator("#launch-button").click();
        assertThat(page.locator("#campaign-status")).isVisible();
        assertThat(page.locator(".page-title")).hasText("Browser launch");

        // the page follows the campaign live until every post is out
        assertThat(page.locator("#campaign-progress-words")).hasText("4 published of 4 posts",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#campaign-status")).hasText("finished",
                new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#posts tr[data-status=published]")).hasCount(4);
        Browser.screenshot(page, "campaign-finished");

        String campaignPage = page.url().replaceFirst("\\?.*$", "");
        page.navigate(campaignPage + "?after=2");
        assertThat(page.locator("#posts tbody tr")).hasCount(2);
        assertThat(page.locator("#posts tbody tr").first()).hasAttribute("data-post", "3");
        page.navigate(campaignPage);

        String permalink = page.locator("#posts a.permalink").first().getAttribute("href");
        assertThat(permalink).startsWith("http");
        page.navigate(permalink);
        assertThat(page.locator("body")).containsText("by @");
        Browser.screenshot(page, "campaign-published-post");

        page.navigate(app.url("/accounts/" + accounts.getFirst().id()));
        assertThat(page.locator("#recent-posts tbody tr")).hasCount(2);
        assertThat(page.locator("#recent-posts")).containsText("published");
        Browser.screenshot(page, "account-latest-posts");

        page.navigate(app.url("/campaigns"));
        assertThat(page.locator("#campaigns")).containsText("Browser launch");
        Browser.screenshot(page, "campaigns-list");
    }
}

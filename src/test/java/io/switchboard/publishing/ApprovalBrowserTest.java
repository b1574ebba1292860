package io.switchboard.publishing;

import com.microsoft.playwright.Page;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.REVIEW_LINK;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * Approvals in Chromium, with approval required: a launched campaign waits in review with no publish task; its author
 * cannot approve it (four-eyes) and the reviewer is notified; another operator asks for changes (the author is
 * notified), the author sends it again, and a client approves it through a review link with no sign-in, which
 * submits its posts; an expired link is refused and reveals nothing.
 */
class ApprovalBrowserTest {
    private static AppInstance app;
    private static Browser browser;
    private static String author;
    private static String reviewer;
    private static PublishingFixture fixture;
    private static final List<String> AXE = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.approvals.required=true");
        browser = new Browser();
        author = Operators.create(app, "OPERATOR");
        reviewer = Operators.create(app, "OPERATOR");
        fixture = new PublishingFixture(app);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
        assertThat(AXE).as(String.join("\n", AXE)).isEmpty();
    }

    @Test
    void four_eyes_review_then_a_client_approves_through_a_link_and_an_expired_link_is_refused() {
        long campaign;
        SignedIn.as(author, "OPERATOR");
        try {
            var accounts = fixture.accounts(2, "clienta");
            var images = fixture.images(1);
            campaign = app.bean(Campaigns.class).launch(PublishingFixture.campaign("Client spring", accounts, images,
                    new PostOptions(PostType.IMAGE, false, null, 0),
                    new Schedule(java.time.Instant.now().plus(Duration.ofDays(3)), Duration.ofMinutes(60), null, null, 5)),
                    author);
        } finally {
            SignedIn.out();
        }
        assertThat(app.bean(Campaigns.class).find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.IN_REVIEW);
        assertThat(tasksOf(campaign)).as("nothing submitted before approval").isZero();

        Page mine = signedIn(author);
        mine.navigate(app.url("/campaigns/" + campaign));
        assertThat(mine.locator("#approval-status")).hasText("in review");
        assertThat(mine.locator("#approve")).hasCount(0);
        assertThat(mine.locator("#four-eyes-note")).containsText("someone else must approve it");
        check(mine, "approval/author-in-review");

        Page theirs = signedIn(reviewer);
        eventually(Duration.ofSeconds(30), () -> {
            theirs.navigate(app.url("/"));
            assertThat(theirs.locator("#bell-count")).hasText("1");
        });
        theirs.locator("#bell").click();
        assertThat(theirs.locator("#notifications")).containsText("Client spring");
        check(theirs, "approval/notifications");
        theirs.navigate(app.url("/campaigns/" + campaign));
        theirs.locator("#request-changes").click();
        assertThat(theirs.locator("#comment-error")).containsText("Say what should change");
        theirs.locator("#comment").fill("Use the summer picture for the second account.");
        theirs.locator("#request-changes").click();
        assertThat(theirs.locator("#approval-status")).hasText("changes requested");
        assertThat(tasksOf(campaign)).isZero();

        eventually(Duration.ofSeconds(30), () -> {
            mine.navigate(app.url("/notifications"));
            assertThat(mine.locator("#notifications")).containsText("Use the summer picture");
        });
        mine.navigate(app.url("/campaigns/" + campaign));
        mine.locator("#comment").fill("Changed as asked.");
        mine.locator("#submit-again").click();
        assertThat(mine.locator("#approval-status")).hasText("in review");
        mine.locator("#make-review-link").click();
        String link = mine.locator("#new-review-link").inputValue();
        assertThat(link).contains("/review/");
        check(mine, "approval/link-made");

        Page client = browser.newPage();
        client.setDefaultTimeout(30_000);
        client.navigate(link);
        assertThat(client.locator("h1")).containsText("Client spring");
        assertThat(client.locator(".preview")).hasCount(2);
        assertThat(client.content()).doesNotContain(author).doesNotContain(reviewer).doesNotContain("Sign out");
        check(client, "approval/client-review");
        client.locator("#comment").fill("Looks good to us.");
        client.locator("#client-approve").click();
        assertThat(client.locator("#review-answer")).containsText("approved");
        assertThat(app.bean(Campaigns.class).find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(tasksOf(campaign)).as("approval submits every post").isEqualTo(2);

        app.bean(DSLContext.class).update(REVIEW_LINK).set(REVIEW_LINK.EXPIRES_AT, java.time.OffsetDateTime.now().minusMinutes(1))
                .execute();
        var expired = client.navigate(link);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(client.locator("#review-answer")).containsText("expired");
        assertThat(client.content()).doesNotContain("Client spring");
        var unknown = client.navigate(app.url("/review/not-a-real-link"));
        assertThat(unknown.status()).isEqualTo(404);

        Page admin = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        admin.navigate(app.url("/audit?objectType=campaign&objectId=" + campaign));
        for (String action : List.of("campaign.changes_requested", "campaign.submitted", "campaign.approved")) {
            assertThat(admin.locator("#audit-entries tr[data-action='" + action + "']").first()).isVisible();
        }
        assertThat(admin.locator("#audit-entries tr[data-action='campaign.approved']")).containsText("client (review link");
    }

    @Test
    void a_post_in_review_is_commented_on_its_page_and_its_campaign_is_withdrawn_from_the_campaign_page() {
        long campaign;
        SignedIn.as(author, "OPERATOR");
        try {
            campaign = app.bean(Campaigns.class).launch(PublishingFixture.campaign("Withdrawn autumn",
                    fixture.accounts(2, "withdrawn"), fixture.images(1), new PostOptions(PostType.IMAGE, false, null, 0),
                    new Schedule(java.time.Instant.now().plus(Duration.ofDays(3)), Duration.ofMinutes(60), null, null, 5)),
                    author);
        } finally {
            SignedIn.out();
        }
        long post = fixture.posts(campaign).getFirst().id();

        Page theirs = signedIn(reviewer);
        theirs.navigate(app.url("/posts/" + post));
        theirs.locator("#add-comment").click();
        assertThat(theirs.locator("#comment-error")).containsText("Say what should change");
        theirs.locator("#comment").fill("Crop the left edge of this one.");
        theirs.locator("#add-comment").click();
        assertThat(theirs.locator("#post-comments")).containsText("Crop the left edge of this one.");
        assertThat(theirs.locator("#post-comments")).containsText(reviewer);
        check(theirs, "approval/post-comments");
        long other = fixture.posts(campaign).get(1).id();
        theirs.navigate(app.url("/posts/" + other));
        assertThat(theirs.locator("#post-comments")).containsText("No comment on this post yet.");

        Page mine = signedIn(author);
        mine.navigate(app.url("/campaigns/" + campaign));
        assertThat(mine.locator("#comments")).containsText("Crop the left edge of this one.");
        assertThat(mine.locator("#comments a[href='/posts/" + post + "']")).hasCount(1);
        mine.locator("#cancel-rest").click();
        assertThat(mine.locator("#confirm-details")).containsText("2 post(s)");
        mine.locator("#confirm-button").click();
        assertThat(mine.locator("body")).containsText("2 post(s) cancelled");
        assertThat(app.bean(Campaigns.class).find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(fixture.posts(campaign)).extracting(CampaignPost::status).containsOnly(PostStatus.CANCELLED);
        assertThat(tasksOf(campaign)).as("nothing was ever submitted").isZero();
        assertThat(mine.locator("#cancel-rest")).hasCount(0);
    }

    @Test
    void a_campaign_with_changes_requested_is_edited_whole_in_its_form_and_goes_back_to_review() {
        SignedIn.as(author, "OPERATOR");
        List<PublishingFixture.Connected> accounts;
        List<Long> images;
        try {
            accounts = fixture.accounts(2, "winter");
            images = fixture.images(2);
        } finally {
            SignedIn.out();
        }
        long second = accounts.get(1).id();
        InstagramOptions ig = new InstagramOptions("First!", List.of("partner"),
                new InstagramOptions.Location("110123456789", "Berlin studio"),
                List.of(new InstagramOptions.UserTag("friend", 0.5, 0.25)), "A wide shot of the studio", null, null, null,
                java.util.Map.of(second, new InstagramOptions.AccountOverride("Own words for this account", null, null,
                        null)));
        PostOptions options = new PostOptions(PostType.IMAGE, false, null, 0, ig);
        Schedule schedule = new Schedule(java.time.Instant.now().plus(Duration.ofDays(3)), Duration.ofMinutes(90),
                java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0), 5);
        long campaign;
        long commented;
        SignedIn.as(author, "OPERATOR");
        try {
            campaign = app.bean(Campaigns.class).launch(PublishingFixture.campaign("Client winter", accounts,
                    images.subList(0, 1), options, schedule), author);
        } finally {
            SignedIn.out();
        }
        SignedIn.as(reviewer, "OPERATOR");
        try {
            commented = fixture.posts(campaign).getFirst().id();
            app.bean(Approvals.class).comment(campaign, commented, "Crop the left edge of this one.");
            app.bean(Approvals.class).requestChanges(campaign, "Use both pictures.");
        } finally {
            SignedIn.out();
        }

        Page mine = signedIn(author);
        mine.navigate(app.url("/campaigns/" + campaign));
        assertThat(mine.locator("#approval-status")).hasText("changes requested");
        mine.locator("#edit-campaign").click();
        assertThat(mine.locator("h1")).containsText("Edit campaign");
        assertThat(mine.locator("#revising-note")).containsText("Client winter");
        assertThat(mine.locator("#name")).hasValue("Client winter");
        assertThat(mine.locator("#template")).hasValue("Client winter {media.title} for @{account.username} #{n}");
        assertThat(mine.locator("#postType")).hasValue("IMAGE");
        assertThat(mine.locator("#spacingMinutes")).hasValue("90");
        assertThat(mine.locator("#windowStart")).hasValue("09:00");
        assertThat(mine.locator("#ig-firstComment")).hasValue("First!");
        assertThat(mine.locator("#ig-locationId")).hasValue("110123456789");
        assertThat(mine.locator("#ig-userTags")).hasValue("friend 0.5 0.25");
        assertThat(mine.locator("input[name='igOverride." + second + ".caption']")).hasValue("Own words for this account");
        assertThat(mine.locator("#media-choices input[value='" + images.get(0) + "']")).isChecked();
        check(mine, "approval/edit-whole-form");

        // a mistake is answered beside its field, and what was typed stays
        mine.locator("#name").fill("");
        mine.locator("#ig-firstComment").fill("First, and kept!");
        mine.locator("#preview-button").click();
        assertThat(mine.locator("#name-error")).containsText("Give the campaign a name");
        assertThat(mine.locator("#ig-firstComment")).hasValue("First, and kept!");
        assertThat(mine.locator("#revising-note")).containsText("Client winter");
        mine.locator("#name").fill("Client winter, both pictures");
        mine.locator("#media-choices input[value='" + images.get(1) + "']").check();
        mine.locator("#preview-button").click();
        assertThat(mine.locator("#launch-button")).hasText("Save 4 post(s) and send for review");
        mine.locator("#launch-button").click();
        assertThat(mine.locator("body")).containsText("Saved and sent for review again");
        assertThat(mine.locator("#approval-status")).hasText("in review");
        assertThat(mine.locator("#comments")).containsText("Crop the left edge of this one.");

        Campaign edited = app.bean(Campaigns.class).find(campaign).orElseThrow();
        assertThat(edited.name()).isEqualTo("Client winter, both pictures");
        assertThat(edited.status()).isEqualTo(CampaignStatus.IN_REVIEW);
        assertThat(edited.spec().mediaIds()).containsExactlyInAnyOrder(images.get(0), images.get(1));
        assertThat(edited.spec().options().instagram()).as("every option came back from the form as it was, but the one typed")
                .isEqualTo(new InstagramOptions("First, and kept!", ig.collaborators(), ig.location(), ig.userTags(),
                        ig.altText(), null, null, null, ig.perAccount()));
        assertThat(edited.spec().schedule().minSpacing()).isEqualTo(schedule.minSpacing());
        assertThat(edited.spec().schedule().windowStart()).isEqualTo(schedule.windowStart());
        assertThat(Duration.between(edited.spec().schedule().startAt(), schedule.startAt()).abs())
                .as("the start, shown to the minute in UTC").isLessThan(Duration.ofMinutes(1));
        List<CampaignPost> posts = fixture.posts(campaign);
        assertThat(posts).hasSize(4).extracting(CampaignPost::status).containsOnly(PostStatus.SCHEDULED);
        assertThat(posts).filteredOn(p -> p.accountId() == second).extracting(CampaignPost::caption)
                .containsOnly("Own words for this account");
        assertThat(posts).extracting(CampaignPost::id).doesNotContain(commented);
        assertThat(tasksOf(campaign)).as("nothing submitted before approval").isZero();
        DSLContext db = app.bean(DSLContext.class);
        assertThat(db.fetchCount(switchboard.jooq.Tables.POST_FIRST_COMMENT,
                switchboard.jooq.Tables.POST_FIRST_COMMENT.POST_ID.in(posts.stream().map(CampaignPost::id).toList())))
                .as("each new post keeps its first comment").isEqualTo(4);

        Page admin = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        admin.navigate(app.url("/audit?objectType=campaign&objectId=" + campaign));
        assertThat(admin.locator("#audit-entries tr[data-action='campaign.revised']")).containsText("Client winter, both pictures");

        // approved, it is edited post by post: the whole form is not offered, and its address says why
        SignedIn.as(reviewer, "OPERATOR");
        try {
            app.bean(Approvals.class).approve(campaign, "Good.");
        } finally {
            SignedIn.out();
        }
        mine.navigate(app.url("/campaigns/" + campaign));
        assertThat(mine.locator("#edit-campaign")).hasCount(0);
        mine.navigate(app.url("/campaigns/" + campaign + "/edit"));
        assertThat(mine).hasURL(app.url("/campaigns/" + campaign));
        assertThat(mine.locator("body")).containsText("is edited whole");
        assertThat(tasksOf(campaign)).as("approval submits every post of the edited campaign").isEqualTo(4);
    }

    private static long tasksOf(long campaign) {
        return app.bean(DSLContext.class).fetchCount(TASK, TASK.GROUP_KEY.eq("campaign:" + campaign));
    }

    private static Page signedIn(String username) {
        return signedIn(username, Operators.PASSWORD);
    }

    private static Page signedIn(String username, String password) {
        Page page = browser.newPage();
        page.setViewportSize(1440, 900);
        page.setDefaultTimeout(30_000);
        Browser.signIn(page, app, username, password);
        return page;
    }

    private static void check(Page page, String name) {
        io.switchboard.testing.PageChecks.check(page, name, AXE);
    }
}

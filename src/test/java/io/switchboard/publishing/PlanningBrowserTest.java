package io.switchboard.publishing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.accounts.Accounts;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Browser;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import testsupport.SignedIn;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN_POST;
import static switchboard.jooq.Tables.TASK;

/**
 * The calendar and single posts in Chromium: a post dragged to a free day is moved (post and its publish task), one
 * dragged outside the daily window is refused in place with the reason and stays; one post edited (refused beside
 * the field with what was typed kept, then saved) and cancelled; the Audit page shows each kind of action. Every
 * page at 1440 and 390 px without serious axe violations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanningBrowserTest {
    private static AppInstance app;
    private static Browser browser;
    private static String operator;
    private static ZoneId zone;
    private static LocalDate day;
    private static List<CampaignPost> posts;
    private static String other;
    private static final List<String> AXE = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        browser = new Browser();
        operator = Operators.create(app, "OPERATOR");
        SignedIn.as("planning-setup", "OPERATOR");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            var both = fixture.accounts(2, "plan");
            var account = both.subList(0, 1);
            other = app.bean(Accounts.class).find(both.get(1).id()).orElseThrow().username();
            zone = app.bean(Accounts.class).timeZone(account.getFirst().id());
            List<Long> images = fixture.images(2);
            day = LocalDate.now(zone).plusDays(10);
            var start = day.atTime(10, 0).atZone(zone).toInstant();
            long campaign = app.bean(Campaigns.class).launch(PublishingFixture.campaign("Planned", account, images,
                    new PostOptions(PostType.IMAGE, false, null, 0),
                    new Schedule(start, Duration.ofMinutes(120), LocalTime.of(9, 0), LocalTime.of(18, 0), 2)), "test");
            posts = fixture.posts(campaign);
        } finally {
            SignedIn.out();
        }
        assertThat(posts).hasSize(2);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
        assertThat(AXE).as(String.join("\n", AXE)).isEmpty();
    }

    @Test
    @Order(1)
    void a_post_dragged_to_a_free_day_moves_with_its_task_and_one_dragged_outside_the_window_is_refused_in_place() {
        Page page = signedIn(operator, Operators.PASSWORD);
        page.navigate(app.url("/calendar?view=month&zone=" + zone.getId() + "&date=" + day));
        CampaignPost first = posts.get(0);
        CampaignPost second = posts.get(1);
        assertThat(page.locator("[data-post='" + first.id() + "']")).containsText("10:00");
        assertThat(page.locator("[data-post='" + first.id() + "']")).containsText("scheduled");
        // its picture's 96 px icon, signed (the calendar links one only for media that has it), loaded and drawn
        var picture = page.locator("[data-post='" + first.id() + "'] img");
        assertThat(picture).hasAttribute("src",
                java.util.regex.Pattern.compile("/media/files/" + first.mediaIds().getFirst() + "/icon\\.jpg\\?expires="));
        picture.scrollIntoViewIfNeeded();
        page.waitForFunction("img => img.complete && img.naturalWidth > 0", picture.elementHandle());
        org.assertj.core.api.Assertions.assertThat(((Number) picture.evaluate("img => Math.min(img.naturalWidth, img.naturalHeight)")).intValue())
                .as("the icon, not the 360 px thumbnail").isEqualTo(96);
        check(page, "planning/calendar-month");

        LocalDate target = day.plusDays(2);
        page.locator("[data-post='" + first.id() + "']").dragTo(page.locator(".cal-grid [data-drop-date='" + target + "']"));
        assertThat(page.locator("#notice")).containsText("Moved to 10:00 on " + target);
        assertThat(page.locator(".cal-grid [data-drop-date='" + target + "'] [data-post='" + first.id() + "']")).isVisible();
        OffsetDateTime expected = target.atTime(10, 0).atZone(zone).toOffsetDateTime();
        assertThat(scheduledAt(first.id()).toInstant()).isEqualTo(expected.toInstant());
        assertThat(taskRunAt(first.id()).toInstant()).isEqualTo(expected.toInstant());

        page.navigate(app.url("/calendar?view=day&zone=" + zone.getId() + "&date=" + day));
        check(page, "planning/calendar-day");
        page.setViewportSize(1440, 2200); // the whole day in view: a drag that has to scroll is not what is tested here
        page.locator("[data-post='" + second.id() + "']").dragTo(page.locator(".cal-day [data-drop-hour='20']"));
        assertThat(page.locator("[data-post-item='" + second.id() + "'] .cal-refusal"))
                .containsText("the daily window 09:00–18:00");
        assertThat(page.locator("#problem")).containsText("Not moved");
        assertThat(scheduledAt(second.id())).isEqualTo(second.scheduledAt());
        assertThat(taskRunAt(second.id()).toInstant()).isEqualTo(second.scheduledAt().toInstant());

        page.navigate(app.url("/calendar?view=week&zone=" + zone.getId() + "&date=" + day + "&tag=plan&state=scheduled"));
        assertThat(page.locator("[data-post='" + second.id() + "']")).isVisible();
        check(page, "planning/calendar-week-filtered");
        page.navigate(app.url("/calendar?view=week&zone=" + zone.getId() + "&date=" + day + "&tag=nobody"));
        assertThat(page.locator("[data-post]")).hasCount(0);
        page.context().close();
    }

    @Test
    @Order(2)
    void a_post_previews_in_place_in_the_calendar_by_keyboard_and_without_script_its_link_opens_the_post_page() {
        CampaignPost second = posts.get(1);
        Page page = signedIn(operator, Operators.PASSWORD);
        String calendar = app.url("/calendar?view=month&zone=" + zone.getId() + "&date=" + day);
        page.navigate(calendar);
        Locator peek = page.locator("[data-post-item='" + second.id() + "'] .cal-peek");
        assertThat(page.locator("#cal-peek .preview")).hasCount(0); // loaded on demand only
        peek.focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#cal-peek")).isVisible();
        assertThat(page.locator("#cal-peek .preview")).isVisible();
        assertThat(page.locator("#cal-peek .preview-kind")).hasText("Post");
        assertThat(page.locator("#cal-peek .preview-caption")).containsText(second.caption().substring(0,
                Math.min(20, second.caption().length())));
        assertThat(page.locator("#cal-peek .preview-counts")).containsText("of 30 hashtags");
        assertThat(page.locator("#peek-close")).isFocused();
        assertThat(page).hasURL(calendar);
        check(page, "planning/calendar-preview");
        assertThat(page.locator("#cal-peek")).isVisible();
        page.keyboard().press("Escape");
        assertThat(page.locator("#cal-peek")).isHidden();
        assertThat(peek).isFocused();

        page.setViewportSize(390, 844);
        peek.click();
        assertThat(page.locator("#peek-close")).isFocused();
        Object right = page.evaluate("document.getElementById('cal-peek').getBoundingClientRect().right");
        org.assertj.core.api.Assertions.assertThat(((Number) right).doubleValue()).isLessThanOrEqualTo(390);
        page.locator("#peek-close").click();
        assertThat(page.locator("#cal-peek")).isHidden();
        assertThat(peek).isFocused();
        page.context().close();

        Page plain = browser.newPageWithoutScript();
        Browser.signIn(plain, app, operator, Operators.PASSWORD);
        plain.navigate(calendar);
        plain.locator("[data-post-item='" + second.id() + "'] .cal-peek").click();
        assertThat(plain).hasURL(app.url("/posts/" + second.id()));
        assertThat(plain.locator(".preview")).isVisible();
        plain.context().close();
    }

    @Test
    @Order(3)
    void one_post_is_edited_refused_beside_the_field_with_what_was_typed_kept_then_saved_and_cancelled() {
        CampaignPost second = posts.get(1);
        Page page = signedIn(operator, Operators.PASSWORD);
        page.navigate(app.url("/posts/" + second.id() + "?zone=" + zone.getId()));
        assertThat(page.locator(".preview")).isVisible();
        check(page, "planning/post");

        page.locator("#caption").fill("New words for the post #fresh");
        page.locator("#time").fill("21:00");
        page.locator("#save-post").click();
        assertThat(page.locator("#date-error")).containsText("the daily window 09:00–18:00");
        assertThat(page.locator("#caption")).hasValue("New words for the post #fresh");
        assertThat(page.locator("#time")).hasValue("21:00");
        check(page, "planning/post-refused");
        assertThat(caption(second.id())).isEqualTo(second.caption());

        page.locator("#time").fill("15:00");
        page.locator("#save-post").click();
        assertThat(page.locator("#notice")).containsText("Saved");
        assertThat(page.locator("#post-when")).containsText("15:00");
        assertThat(caption(second.id())).isEqualTo("New words for the post #fresh");
        assertThat(scheduledAt(second.id()).toInstant()).isEqualTo(day.atTime(15, 0).atZone(zone).toInstant());
        assertThat(taskRunAt(second.id()).toInstant()).isEqualTo(day.atTime(15, 0).atZone(zone).toInstant());

        page.locator("#accounts").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("@" + other));
        page.locator("#duplicate").click();
        assertThat(page.locator("#notice")).containsText("Copied to 1 account(s)");
        assertThat(app.bean(DSLContext.class).fetchCount(CAMPAIGN_POST, CAMPAIGN_POST.CAMPAIGN_ID.eq(second.campaignId())))
                .isEqualTo(3);

        page.locator("#cancel-post").click();
        page.locator("#confirm-button").click();
        assertThat(page.locator("#notice")).containsText("cancelled");
        page.navigate(app.url("/posts/" + second.id()));
        assertThat(page.locator("#post-state")).hasText("cancelled");
        assertThat(page.locator("#edit-post")).hasCount(0);
        page.context().close();
    }

    @Test
    @Order(4)
    void the_audit_page_shows_each_kind_of_action_with_what_changed() {
        Page page = signedIn("admin", AppInstance.ADMIN_PASSWORD);
        page.navigate(app.url("/audit"));
        for (String action : List.of("sign_in", "operator.created", "post.moved", "post.edited", "post.duplicated",
                "post.cancel")) {
            assertThat(page.locator("#audit-entries tr[data-action='" + action + "']").first()).isVisible();
        }
        assertThat(page.locator("#audit-entries tr[data-action='post.moved']").first()).containsText("scheduled_at");
        check(page, "planning/audit");
        page.navigate(app.url("/audit?action=post.edited"));
        assertThat(page.locator("#audit-entries tr[data-action]")).hasCount(1);
        assertThat(page.locator("#audit-entries")).containsText("New words for the post #fresh");
        page.navigate(app.url("/audit?from=yesterday"));
        assertThat(page.locator("#from-error")).containsText("Enter a day");
        page.context().close();
    }

    @Test
    @Order(5)
    void a_busy_day_shows_its_count_and_first_posts_in_the_month_and_every_post_in_the_day_view() {
        LocalDate busy = day.plusDays(20);
        CampaignPost model = posts.getFirst();
        app.bean(DSLContext.class).execute("INSERT INTO campaign_post (campaign_id, number, account_id, media_ids, caption, "
                + "scheduled_at, status) SELECT campaign_id, 1000 + n, account_id, media_ids, caption, ?::timestamptz "
                + "+ make_interval(mins => n * 5), 'scheduled' FROM campaign_post, generate_series(1, 1204) n WHERE id = ?",
                busy.atTime(9, 0).atZone(zone).toOffsetDateTime(), model.id());
        Page page = signedIn(operator, Operators.PASSWORD);
        page.navigate(app.url("/calendar?view=month&zone=" + zone.getId() + "&date=" + busy));
        // 1,204 posts every 5 minutes from 09:05: 179 of them on this day (to 23:55), the rest on the next days
        var cell = page.locator(".cal-grid [data-drop-date='" + busy + "']");
        assertThat(cell.locator(".cal-count")).hasText("179 posts");
        assertThat(cell.locator(".cal-item")).hasCount(3);
        assertThat(cell.locator(".cal-item").first()).containsText("09:05");
        assertThat(cell.locator(".cal-more")).hasText("+176 more on " + busy.getDayOfWeek().getDisplayName(
                java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + busy.getDayOfMonth() + " "
                + busy.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
        check(page, "planning/calendar-month-busy");
        cell.locator(".cal-more").click();
        assertThat(page.locator(".cal-day .cal-item")).hasCount(179);
        page.context().close();
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

    private static OffsetDateTime scheduledAt(long postId) {
        return app.bean(DSLContext.class).select(CAMPAIGN_POST.SCHEDULED_AT).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.ID.eq(postId)).fetchSingle().value1();
    }

    private static String caption(long postId) {
        return app.bean(DSLContext.class).select(CAMPAIGN_POST.CAPTION).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.ID.eq(postId)).fetchSingle().value1();
    }

    private static OffsetDateTime taskRunAt(long postId) {
        return app.bean(DSLContext.class).select(TASK.RUN_AT).from(TASK)
                .where(TASK.UNIQUE_KEY.eq("post:" + postId)).orderBy(TASK.ID.desc()).limit(1).fetchSingle().value1()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }
}

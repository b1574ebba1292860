package io.switchboard.publishing;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A campaign of thousands of posts (more than one batch of every insert and of the export): its launch stores all of
 * it or nothing, whichever batch fails, and its export streams every row in order.
 */
class BigCampaignTest {
    /** 6,000 posts: two batches of the launch ({@link Campaigns#LAUNCH_BATCH}), six of the export. */
    private static final int ACCOUNTS = 60;
    private static final int MEDIA = 100;
    private static AppInstance app;
    private static DSLContext db;
    private static List<Long> accounts;
    private static List<Long> media;
    /** An account of no campaign of these tests' plans. */
    private static long outsider;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        db = app.bean(DSLContext.class);
        SignedIn.as("big-setup", "OPERATOR");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            outsider = fixture.accounts(1, "big").getFirst().id();
            accounts = fixture.copiesOfFirstAccount(ACCOUNTS, "big");
            media = fixture.copiesOf(fixture.images(1).getFirst(), MEDIA);
        } finally {
            SignedIn.out();
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("big-test", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
        db.execute("DELETE FROM campaign_draft");
        db.execute("DROP TRIGGER IF EXISTS fail_halfway ON campaign_post");
        db.execute("DROP TRIGGER IF EXISTS fail_halfway ON task");
        db.execute("DROP TRIGGER IF EXISTS fail_halfway ON post_first_comment");
        db.execute("UPDATE media_item SET title = regexp_replace(title, ' \\(renamed\\)$', '')");
    }

    private static CampaignSpec spec(String name, boolean firstComment) {
        PostOptions options = new PostOptions(PostType.IMAGE, false, null, 0);
        if (firstComment) {
            options = options.withInstagram(new InstagramOptions("More at the link in our bio", List.of(), null, List.of(),
                    null, null, null, null, java.util.Map.of()));
        }
        return new CampaignSpec(name, accounts, null, media,
                new CaptionStrategy.Template(name + " {media.title} for @{account.username} #{n}"), List.of(),
                new Assignment.EveryAccountEveryMedia(),
                new Schedule(Instant.now().plus(Duration.ofDays(1)), Duration.ofMinutes(10), null, null, 50), options);
    }

    @Test
    void a_launch_that_fails_in_the_middle_of_its_batches_leaves_nothing_of_the_campaign() {
        int campaignsBefore = db.fetchCount(db.selectFrom("campaign"));
        int tasksBefore = publishTasks();
        // a post far into the campaign fails its insert (a launch without a preview COPYs the posts as it plans them)
        failOn("campaign_post", "NEW.number = " + (Campaigns.LAUNCH_BATCH + 500));
        assertThatThrownBy(() -> app.bean(Campaigns.class).launch(spec("Halfway", true), "big-test"))
                .hasMessageContaining("injected failure");
        assertNothingOf("Halfway", campaignsBefore, tasksBefore);
        db.execute("DROP TRIGGER fail_halfway ON campaign_post");

        // every post was inserted and the tasks fail: still nothing
        failOn("task", "NEW.group_key IS NOT NULL");
        assertThatThrownBy(() -> app.bean(Campaigns.class).launch(spec("Halfway", true), "big-test"))
                .hasMessageContaining("injected failure");
        assertNothingOf("Halfway", campaignsBefore, tasksBefore);
        db.execute("DROP TRIGGER fail_halfway ON task");

        // the second batch of first comments fails, after the first batch's comments and tasks went in
        db.execute("CREATE OR REPLACE FUNCTION fail_second_batch() RETURNS trigger AS $$ BEGIN "
                + "IF (SELECT number FROM campaign_post WHERE id = NEW.post_id) > " + Campaigns.LAUNCH_BATCH + " THEN "
                + "RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        db.execute("CREATE TRIGGER fail_halfway BEFORE INSERT ON post_first_comment FOR EACH ROW "
                + "EXECUTE FUNCTION fail_second_batch()");
        assertThatThrownBy(() -> app.bean(Campaigns.class).launch(spec("Halfway", true), "big-test"))
                .hasMessageContaining("injected failure");
        assertNothingOf("Halfway", campaignsBefore, tasksBefore);
        db.execute("DROP TRIGGER fail_halfway ON post_first_comment");
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).as("each failed launch's kept plan went with it")
                .isZero();

        // with nothing failing, the same launch stores everything
        long id = app.bean(Campaigns.class).launch(spec("Halfway", true), "big-test");
        int posts = ACCOUNTS * MEDIA;
        assertThat(db.fetchCount(db.selectFrom("campaign_post").where("campaign_id = " + id))).isEqualTo(posts);
        assertThat(db.fetchCount(db.selectFrom("post_first_comment").where(
                "post_id IN (SELECT id FROM campaign_post WHERE campaign_id = " + id + ")"))).isEqualTo(posts);
        assertThat(db.fetchCount(db.selectFrom("task").where("group_key = '" + Campaign.group(id) + "'")))
                .isEqualTo(posts);
        // its span was known only once planned: it is its first and last post's time
        assertThat(db.fetchOne("SELECT c.first_at = min(p.scheduled_at) AND c.last_at = max(p.scheduled_at) "
                + "AND c.first_at < c.last_at FROM campaign c JOIN campaign_post p ON p.campaign_id = c.id "
                + "WHERE c.id = " + id + " GROUP BY c.id").get(0, Boolean.class)).isTrue();
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).as("a launch without a preview keeps no plan")
                .isZero();
    }

    @Test
    void the_preview_plans_once_its_pages_read_the_kept_plan_and_launch_stores_it_unless_something_changed() {
        Campaigns campaigns = app.bean(Campaigns.class);
        CampaignSpec spec = spec("Kept", true);
        int posts = ACCOUNTS * MEDIA;
        PlanPage first = campaigns.previewPage(spec, null, null, 0, 50, "big-test");
        assertThat(first.total()).isEqualTo(posts);
        assertThat(first.shown()).hasSize(50);
        assertThat(first.replanned()).isNull();
        assertThat(draftPosts(first)).isEqualTo(posts);

        // the last page is read from the kept plan: the same draft, nothing planned again
        PlanPage last = campaigns.previewPage(spec, null, first.draft(), posts - 1, 50, "big-test");
        assertThat(last.draft()).isEqualTo(first.draft());
        assertThat(last.replanned()).isNull();
        assertThat(last.shownFrom()).isEqualTo(posts - 50);
        assertThat(last.shown().getLast().number()).isEqualTo(posts);
        assertThat(last.days()).isEqualTo(first.days());
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).isEqualTo(1);

        // another operator's page, or an edited form, never reads this plan
        assertThat(campaigns.previewPage(spec, null, first.draft(), 0, 50, "someone-else").draft())
                .isNotEqualTo(first.draft());
        PlanPage edited = campaigns.previewPage(spec("Kept again", true), null, first.draft(), 0, 50, "big-test");
        assertThat(edited.draft()).isNotEqualTo(first.draft());
        assertThat(edited.replanned()).contains("the form changed");

        // a media item the plan read changes: the next page plans again and says so, and the old plan cannot launch
        db.execute("UPDATE media_item SET title = title || ' (renamed)' WHERE id = " + media.getFirst());
        PlanPage again = campaigns.previewPage(spec, null, first.draft(), 50, 50, "big-test");
        assertThat(again.draft()).isNotEqualTo(first.draft());
        assertThat(again.replanned()).contains("something its plan depends on changed");
        assertThat(db.fetchCount(db.selectFrom("campaign_draft_post").where("draft_id = '" + again.draft()
                + "' AND caption LIKE '%(renamed)%'"))).isEqualTo(ACCOUNTS);
        int campaignsBefore = db.fetchCount(db.selectFrom("campaign"));
        assertThatThrownBy(() -> campaigns.launch(first.draft(), spec, "big-test")).isInstanceOf(CampaignProblem.class)
                .hasMessageContaining("Not launched: something its plan depends on changed");
        assertThat(db.fetchCount(db.selectFrom("campaign"))).isEqualTo(campaignsBefore);

        // the plan as it is now launches as it was shown: its posts, first comments and tasks, and the draft is gone
        long id = campaigns.launch(again.draft(), spec, "big-test");
        assertThat(db.fetchCount(db.selectFrom("campaign_post").where("campaign_id = " + id))).isEqualTo(posts);
        assertThat(db.fetchOne("SELECT caption FROM campaign_post WHERE campaign_id = " + id + " AND number = 51")
                .get(0, String.class)).isEqualTo(again.shown().getFirst().caption());
        assertThat(db.fetchCount(db.selectFrom("post_first_comment").where(
                "post_id IN (SELECT id FROM campaign_post WHERE campaign_id = " + id + ")"))).isEqualTo(posts);
        assertThat(db.fetchCount(db.selectFrom("task").where("group_key = '" + Campaign.group(id) + "'")))
                .isEqualTo(posts);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft").where("id = '" + again.draft() + "'"))).isZero();
        // launched once: the same plan cannot launch a second campaign
        assertThatThrownBy(() -> campaigns.launch(again.draft(), spec, "big-test"))
                .hasMessageContaining("the preview's plan is gone");
    }

    @Test
    void the_api_preview_counts_every_post_but_holds_only_the_first_and_a_refused_launch_names_every_blocker() {
        Campaigns campaigns = app.bean(Campaigns.class);
        CampaignSpec spec = spec("Head", false);
        int posts = ACCOUNTS * MEDIA;
        Preview head = campaigns.preview(spec, 50);
        assertThat(head.postCount()).isEqualTo(posts);
        assertThat(head.launchable()).isTrue();
        assertThat(head.first()).hasSize(50);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).as("the API's preview keeps no plan").isZero();
        // the same posts, in the same order, at the same times as the preview page's plan (which the database keeps
        // to the microsecond)
        PlanPage page = campaigns.previewPage(spec, null, null, 0, 50, "big-test");
        assertThat(head.first().stream().map(p -> p.number() + " " + p.caption()).toList())
                .isEqualTo(page.shown().stream().map(p -> p.number() + " " + p.caption()).toList());
        for (int i = 0; i < 50; i++) {
            assertThat(Duration.between(head.first().get(i).at(), page.shown().get(i).at()).abs())
                    .isLessThanOrEqualTo(Duration.ofNanos(1000));
        }

        // every picture is a blocker for a Reel: all 100 are named, the message gives the first, nothing is stored
        CampaignSpec reels = new CampaignSpec("Reels of pictures", accounts, null, media, spec.captions(), List.of(),
                spec.assignment(), spec.schedule(), new PostOptions(PostType.REELS, false, null, 0));
        Preview blocked = campaigns.preview(reels, 50);
        assertThat(blocked.launchable()).isFalse();
        int campaignsBefore = db.fetchCount(db.selectFrom("campaign"));
        int postsBefore = db.fetchCount(db.selectFrom("campaign_post"));
        assertThatThrownBy(() -> campaigns.launch(reels, "big-test")).isInstanceOfSatisfying(CampaignProblem.class, p -> {
            assertThat(p.blockers()).hasSize(MEDIA).containsExactlyElementsOf(blocked.problems().stream()
                    .filter(b -> b.severity() == Plan.Severity.ERROR).map(Plan.Problem::message).toList());
            assertThat(p.getMessage()).startsWith("The campaign cannot launch: " + p.blockers().getFirst());
        });
        assertThat(db.fetchCount(db.selectFrom("campaign"))).isEqualTo(campaignsBefore);
        assertThat(db.fetchCount(db.selectFrom("campaign_post"))).as("the posts stored as planned went with it")
                .isEqualTo(postsBefore);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).as("the refused launch's plan is gone with it")
                .isOne();
    }

    @Test
    void a_post_of_another_campaign_added_moved_cancelled_or_leaving_the_quota_window_on_an_account_makes_the_next_page_plan_again() {
        Campaigns campaigns = app.bean(Campaigns.class);
        CampaignSpec spec = spec("Beside", false);
        long other = campaigns.launch(new CampaignSpec("Other", List.of(accounts.getFirst(), outsider), null,
                List.of(media.getFirst()), new CaptionStrategy.Template("Other {n}"), List.of(),
                new Assignment.EveryAccountEveryMedia(), new Schedule(Instant.now().plus(Duration.ofDays(3)),
                Duration.ofMinutes(10), null, null, 50), new PostOptions(PostType.IMAGE, false, null, 0)), "big-test");
        String mine = "campaign_id = " + other + " AND account_id = " + accounts.getFirst();
        String theirs = "campaign_id = " + other + " AND account_id = " + outsider;
        PlanPage page = campaigns.previewPage(spec, null, null, 0, 50, "big-test");

        // what cannot change the plan keeps it: a post of an account outside it, the counters folded, a caption
        db.execute("UPDATE campaign_post SET scheduled_at = scheduled_at + interval '1 hour' WHERE " + theirs);
        db.execute("UPDATE campaign_post SET caption = 'Other, reworded' WHERE " + mine);
        app.bean(TallyFolding.class).fold();
        page = keptOrPlannedAgain(page, spec, false);

        // another campaign's post on one of the plan's accounts: added, moved, cancelled, published, then out of
        // the quota window as time passes: each time the next page plans again
        db.execute("INSERT INTO campaign_post (campaign_id, number, account_id, media_ids, caption, scheduled_at, status) "
                + "SELECT campaign_id, 99, account_id, media_ids, caption, scheduled_at + interval '1 hour', status "
                + "FROM campaign_post WHERE " + mine);
        page = keptOrPlannedAgain(page, spec, true);
        db.execute("UPDATE campaign_post SET scheduled_at = scheduled_at + interval '2 hours' WHERE " + mine
                + " AND number = 99");
        page = keptOrPlannedAgain(page, spec, true);
        db.execute("UPDATE campaign_post SET status = 'cancelled' WHERE " + mine + " AND number = 99");
        page = keptOrPlannedAgain(page, spec, true);
        db.execute("UPDATE campaign_post SET status = 'published', published_at = now() - interval '24 hours' "
                + "+ interval '3 seconds' WHERE " + mine + " AND number = 99");
        page = keptOrPlannedAgain(page, spec, true);
        testsupport.TaskWaits.pause(Duration.ofSeconds(4).toMillis());
        page = keptOrPlannedAgain(page, spec, true);
        keptOrPlannedAgain(page, spec, false);
    }

    @Test
    void the_same_form_posted_again_reads_its_kept_plan_only_while_it_holds_and_its_first_minute_has_not_passed() {
        Campaigns campaigns = app.bean(Campaigns.class);
        CampaignSpec spec = spec("Again", false);
        PlanPage first = campaigns.previewPage(spec, null, null, 0, 50, "big-test");
        PlanPage again = campaigns.previewPage(spec, null, null, 50, 50, "big-test");
        assertThat(again.draft()).as("nothing changed: the kept plan, not a second one").isEqualTo(first.draft());
        assertThat(again.replanned()).isNull();
        assertThat(again.shownFrom()).isEqualTo(50);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).isOne();

        // another operator, or another form, never reads it
        assertThat(campaigns.previewPage(spec, null, null, 0, 50, "someone-else").draft()).isNotEqualTo(first.draft());
        assertThat(campaigns.previewPage(spec("Again, edited", false), null, null, 0, 50, "big-test").draft())
                .isNotEqualTo(first.draft());
        assertThat(campaigns.previewPage(spec, null, null, 0, 50, "big-test").draft()).isEqualTo(first.draft());

        // something the plan read changed: the form plans again, and then reads the new plan
        db.execute("UPDATE media_item SET title = title || ' (renamed)' WHERE id = " + media.getFirst());
        PlanPage changed = campaigns.previewPage(spec, null, null, 0, 50, "big-test");
        assertThat(changed.draft()).isNotEqualTo(first.draft());
        assertThat(draftPosts(changed, "caption LIKE '%(renamed)%'")).isEqualTo(ACCOUNTS);
        assertThat(campaigns.previewPage(spec, null, null, 0, 50, "big-test").draft()).isEqualTo(changed.draft());

        // older than ten minutes: planned again
        db.execute("UPDATE campaign_draft SET created_at = created_at - interval '11 minutes' WHERE id = '"
                + changed.draft() + "'");
        PlanPage old = campaigns.previewPage(spec, null, null, 0, 50, "big-test");
        assertThat(old.draft()).isNotEqualTo(changed.draft());

        // a plan that starts when launched is kept only within the minute of its first post: its times move on
        CampaignSpec now = new CampaignSpec("Now", accounts, null, media, spec.captions(), List.of(), spec.assignment(),
                new Schedule(null, Duration.ofMinutes(10), null, null, 50), spec.options());
        PlanPage asap = campaigns.previewPage(now, null, null, 0, 50, "big-test");
        db.execute("UPDATE campaign_draft SET first_at = first_at - interval '1 minute', created_at = created_at "
                + "- interval '1 minute' WHERE id = '" + asap.draft() + "'");
        PlanPage later = campaigns.previewPage(now, null, null, 0, 50, "big-test");
        assertThat(later.draft()).as("its first post's minute has passed").isNotEqualTo(asap.draft());
        assertThat(later.shown().getFirst().at()).isAfter(Instant.now().minusSeconds(60));
    }

    /** The next page of the kept plan: read from it as it is, or planned again (saying why) as expected. */
    private static PlanPage keptOrPlannedAgain(PlanPage before, CampaignSpec spec, boolean plannedAgain) {
        PlanPage next = app.bean(Campaigns.class).previewPage(spec, null, before.draft(), 50, 50, "big-test");
        if (plannedAgain) {
            assertThat(next.draft()).as("a new plan").isNotEqualTo(before.draft());
            assertThat(next.replanned()).contains("something its plan depends on changed");
        } else {
            assertThat(next.draft()).as("the kept plan").isEqualTo(before.draft());
            assertThat(next.replanned()).isNull();
        }
        return next;
    }

    @Test
    void kept_plans_are_bounded_per_operator_and_swept_after_an_hour() {
        Campaigns campaigns = app.bean(Campaigns.class);
        for (int i = 0; i < PlanDrafts.PER_OPERATOR + 2; i++) {
            campaigns.previewPage(spec("Tab " + i, false), null, null, 0, 50, "big-test");
        }
        assertThat(db.fetchCount(db.selectFrom("campaign_draft").where("created_by = 'big-test'")))
                .isEqualTo(PlanDrafts.PER_OPERATOR);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft_post"))).isEqualTo(PlanDrafts.PER_OPERATOR * ACCOUNTS * MEDIA);

        db.execute("UPDATE campaign_draft SET created_at = created_at - interval '61 minutes' WHERE id = "
                + "(SELECT min(id::text)::uuid FROM campaign_draft)");
        app.bean(DraftSweeping.class).sweep();
        assertThat(db.fetchCount(db.selectFrom("campaign_draft"))).isEqualTo(PlanDrafts.PER_OPERATOR - 1);
        assertThat(db.fetchCount(db.selectFrom("campaign_draft_post")))
                .isEqualTo((PlanDrafts.PER_OPERATOR - 1) * ACCOUNTS * MEDIA);
    }

    private static int draftPosts(PlanPage page, String where) {
        return db.fetchCount(db.selectFrom("campaign_draft_post").where("draft_id = '" + page.draft() + "' AND " + where));
    }

    private static int draftPosts(PlanPage page) {
        return db.fetchCount(db.selectFrom("campaign_draft_post").where("draft_id = '" + page.draft() + "'"));
    }

    private static void failOn(String table, String when) {
        db.execute("CREATE OR REPLACE FUNCTION fail_halfway() RETURNS trigger AS $$ BEGIN "
                + "RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql");
        db.execute("CREATE TRIGGER fail_halfway BEFORE INSERT ON " + table + " FOR EACH ROW WHEN (" + when + ") "
                + "EXECUTE FUNCTION fail_halfway()");
    }

    private static int publishTasks() {
        return db.fetchCount(db.selectFrom("task").where("kind = '" + PublishPost.KIND.name() + "'"));
    }

    private static void assertNothingOf(String name, int campaignsBefore, int tasksBefore) {
        assertThat(db.fetchCount(db.selectFrom("campaign"))).isEqualTo(campaignsBefore);
        assertThat(db.fetchCount(db.selectFrom("campaign").where("name = '" + name + "'"))).isZero();
        assertThat(db.fetchCount(db.selectFrom("campaign_post").where(
                "campaign_id NOT IN (SELECT id FROM campaign)"))).isZero();
        assertThat(db.fetchCount(db.selectFrom("post_first_comment"))).isEqualTo(db.fetchCount(db.selectFrom(
                "post_first_comment").where("post_id IN (SELECT id FROM campaign_post)")));
        // the accounts' own housekeeping (token checks, insights) adds tasks meanwhile: only publish tasks count
        assertThat(publishTasks()).isEqualTo(tasksBefore);
    }

    @Test
    void the_export_of_a_big_campaign_streams_every_post_in_order() throws Exception {
        long id = app.bean(Campaigns.class).launch(spec("Exported", false), "big-test");
        WebSession session = new WebSession();
        session.login(app.url(""), "admin", AppInstance.ADMIN_PASSWORD);
        List<String> numbers = new ArrayList<>();
        String header;
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(URI.create(
                            app.url("/campaigns/" + id + "/posts.csv"))).header("Cookie", session.sessionCookie(app.url("")))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            // sent as it is written, not measured whole first
            assertThat(response.headers().firstValue("Content-Length")).isEmpty();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                header = reader.readLine();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    numbers.add(line.substring(0, line.indexOf(',')));
                    if (numbers.size() == 1 || numbers.size() == ACCOUNTS * MEDIA) {
                        // the first and the last post: account and media named, in the campaign's order
                        int index = numbers.size() - 1;
                        assertThat(line).contains("@big_" + String.format("%05d", index / MEDIA + 1),
                                "Picture " + (index % MEDIA + 1));
                    }
                }
            }
        }
        assertThat(header).startsWith("post,account,account_id,media");
        assertThat(numbers).hasSize(ACCOUNTS * MEDIA);
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(String.valueOf(i + 1));
        }
    }
}

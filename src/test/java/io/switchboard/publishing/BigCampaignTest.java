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

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        db = app.bean(DSLContext.class);
        SignedIn.as("big-setup", "OPERATOR");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            fixture.accounts(1, "big");
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
        db.execute("DROP TRIGGER IF EXISTS fail_halfway ON campaign_post");
        db.execute("DROP TRIGGER IF EXISTS fail_halfway ON task");
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
        // the second batch of posts fails, after the first was stored with its tasks
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

        // with nothing failing, the same launch stores everything
        long id = app.bean(Campaigns.class).launch(spec("Halfway", true), "big-test");
        int posts = ACCOUNTS * MEDIA;
        assertThat(db.fetchCount(db.selectFrom("campaign_post").where("campaign_id = " + id))).isEqualTo(posts);
        assertThat(db.fetchCount(db.selectFrom("post_first_comment").where(
                "post_id IN (SELECT id FROM campaign_post WHERE campaign_id = " + id + ")"))).isEqualTo(posts);
        assertThat(db.fetchCount(db.selectFrom("task").where("group_key = '" + Campaign.group(id) + "'")))
                .isEqualTo(posts);
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

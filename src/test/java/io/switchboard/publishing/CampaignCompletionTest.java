package io.switchboard.publishing;

import io.switchboard.media.MediaLibrary;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.tasks.GroupFinished;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import testsupport.SignedIn;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.TASK_GROUP;
import static testsupport.TaskWaits.eventually;

/**
 * A campaign whose posts are all done finishes and lets go of its media, whatever became of the news that its
 * tasks ended: a campaign paused while its last post went out and resumed after, an event whose listener
 * failed and whose instance was restarted.
 */
class CampaignCompletionTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static String url;
    private static AppInstance app;
    private static Campaigns campaigns;
    private static PublishingFixture fixture;

    @BeforeAll
    static void start() {
        url = TestPostgres.freshDatabase();
        app = AppInstance.start(url, "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=1s",
                "switchboard.publishing.finish-check=500ms", "switchboard.events.redelivery-interval=1h");
        campaigns = app.bean(Campaigns.class);
        fixture = new PublishingFixture(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("completion-test", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void a_campaign_paused_while_its_last_post_went_out_finishes_once_resumed() {
        // a slow platform: the pause lands while the publish call is on its way
        SandboxControl.settings(app, Duration.ofMillis(1500), Duration.ofMillis(300), 50);
        var accounts = fixture.accounts(1, "paused");
        var media = fixture.images(1);
        long id = campaigns.launch(PublishingFixture.imageCampaign("Paused", accounts, media), "completion-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.PUBLISHING));
        campaigns.pause(id);
        eventually(WAIT, () -> assertThat(app.bean(DSLContext.class).select(TASK_GROUP.FINISHED_AT).from(TASK_GROUP)
                .where(TASK_GROUP.GROUP_KEY.eq("campaign:" + id)).fetchSingle().value1()).isNotNull());
        assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);

        campaigns.resume(id);

        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        assertThat(app.bean(MediaLibrary.class).find(media.getFirst()).orElseThrow().used())
                .as("the media is no longer held for the campaign").isFalse();
    }

    @Test
    void news_of_a_finished_campaign_lost_to_a_failing_listener_is_delivered_again_at_the_next_start() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);
        var accounts = fixture.accounts(1, "redeliver");
        var media = fixture.images(1);
        long id = campaigns.launch(PublishingFixture.imageCampaign("Redelivered", accounts, media), "completion-test");
        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        DSLContext db = app.bean(DSLContext.class);
        // the sweep may finish it before the news is even out: wait for the news (the group finished, in the
        // transaction that recorded the news) and for its delivery
        eventually(WAIT, () -> assertThat(db.select(TASK_GROUP.FINISHED_AT).from(TASK_GROUP)
                .where(TASK_GROUP.GROUP_KEY.eq("campaign:" + id)).fetchSingle().value1()).isNotNull());
        eventually(WAIT, () -> assertThat(listenerPublications(db, true)).as("the real news delivered").isZero());
        // this instance can no longer finish campaigns; then, as if the news had not arrived: running, media held
        db.execute("CREATE FUNCTION refuse_finish() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF current_setting('application_name') <> 'restarted' THEN RAISE EXCEPTION 'no finishing here'; "
                + "END IF; RETURN NEW; END $$");
        db.execute("CREATE TRIGGER refuse_finish BEFORE UPDATE ON campaign FOR EACH ROW WHEN "
                + "(NEW.status = 'finished') EXECUTE FUNCTION refuse_finish()");
        try {
            db.update(CAMPAIGN).set(CAMPAIGN.STATUS, "running").setNull(CAMPAIGN.FINISHED_AT)
                    .where(CAMPAIGN.ID.eq(id)).execute();
            app.bean(MediaLibrary.class).markScheduled(media.getFirst(), "campaign:" + id);
            app.bean(TransactionTemplate.class).executeWithoutResult(status -> app.context()
                    .publishEvent(new GroupFinished("campaign:" + id, Map.of())));
            eventually(WAIT, () -> assertThat(listenerPublications(db, true)).as("the listener failed").isEqualTo(1));
            assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);

            try (AppInstance restarted = AppInstance.start(url, "switchboard.tasks.workers=false",
                    "switchboard.events.redelivery-interval=1h", "switchboard.publishing.finish-check=1h",
                    "spring.datasource.hikari.data-source-properties.ApplicationName=restarted")) {
                eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status())
                        .isEqualTo(CampaignStatus.FINISHED));
                eventually(WAIT, () -> assertThat(listenerPublications(db, false))
                        .as("delivered, and then deleted").isZero());
                assertThat(app.bean(MediaLibrary.class).find(media.getFirst()).orElseThrow().used()).isFalse();
            }
        } finally {
            db.execute("DROP TRIGGER refuse_finish ON campaign");
            db.execute("DROP FUNCTION refuse_finish()");
        }
    }

    /** The registry's rows for the campaigns' listener: incomplete ones only, or all. */
    private static int listenerPublications(DSLContext db, boolean incompleteOnly) {
        return ((Number) db.fetchValue("SELECT count(*) FROM event_publication WHERE listener_id LIKE "
                + "'%CampaignCompletion%'" + (incompleteOnly ? " AND completion_date IS NULL" : ""))).intValue();
    }
}

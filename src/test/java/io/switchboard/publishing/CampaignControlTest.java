package io.switchboard.publishing;

import io.switchboard.sandbox.SandboxControl;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.TaskQueries;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import testsupport.SignedIn;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * What happens to a campaign's posts between launch and publication, through the real engine and the sandbox:
 * pause and resume, the looks at a container that grow further apart, a container given up after the look
 * limit or expired and replaced, a quota wait that ends when a slot frees, and the daily window held when the
 * post really goes out. Judged by the campaign's posts, their tasks' logs and the sandbox's own record.
 */
@ExtendWith(OutputCaptureExtension.class)
class CampaignControlTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The engine's trace of a reschedule (debug level, turned on below): the task's own log is in words. */
    private static final Pattern RUNS_AGAIN = Pattern.compile("Task (\\d+) runs again in (\\d+) ms, at (\\S+): (.*)");
    private static AppInstance app;
    private static Campaigns campaigns;
    private static PublishingFixture fixture;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.tasks.poll-interval=200ms",
                "switchboard.tasks.promote-interval=50ms", "switchboard.publishing.poll-first=300ms",
                "switchboard.publishing.poll-max=600ms", "switchboard.publishing.poll-limit=8",
                "logging.level.io.switchboard.tasks.Outcomes=DEBUG");
        campaigns = app.bean(Campaigns.class);
        fixture = new PublishingFixture(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("control-test", "OPERATOR");
        SandboxControl.clearFaults(app);
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void a_paused_campaign_publishes_nothing_until_it_is_resumed() {
        var paused = fixture.accounts(1, "paused");
        var other = fixture.accounts(1, "other");
        var media = fixture.images(2);
        Schedule soon = new Schedule(Instant.now().plusSeconds(3), Duration.ZERO, null, null, 50);
        long id = campaigns.launch(PublishingFixture.campaign("Paused", paused, media, image(), soon), "control-test");
        campaigns.pause(id);
        // due at the same time, launched later: its posts are claimed after the paused campaign's would have been
        long later = campaigns.launch(PublishingFixture.campaign("Later", other, media, image(), soon), "control-test");

        eventually(WAIT, () -> assertThat(campaigns.find(later).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(fixture.posts(id)).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PostStatus.SCHEDULED);
            assertThat(p.containerId()).isNull();
        });
        assertThat(SandboxControl.published(app, paused.getFirst().platformUserId())).isEmpty();

        campaigns.resume(id);
        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        assertThat(SandboxControl.publishes(app, paused.getFirst().platformUserId())).isEqualTo(2);
    }

    @Test
    void looks_at_a_container_grow_half_as_long_again_each_time_up_to_the_most(CapturedOutput output) {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(3500), 50);
        var account = fixture.accounts(1, "backoff");
        long id = campaigns.launch(PublishingFixture.imageCampaign("Backoff", account, fixture.images(1)), "control-test");

        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        List<Long> waits = waits(id, "the platform is still processing the media", output);
        // poll-first 300 ms, then half as long again each time (450, 675…), at most poll-max 600 ms
        assertThat(waits).as("waits between looks, ms").hasSizeGreaterThanOrEqualTo(4);
        assertThat(waits.get(0)).isBetween(150L, 300L);
        assertThat(waits.get(1)).isBetween(300L, 450L);
        assertThat(waits.subList(2, waits.size())).allSatisfy(ms -> assertThat(ms).isBetween(450L, 600L));
        // looks are counted afresh once publishing is asked for (the port's rule), so the count is the trace's
        assertThat(waits).as("never more looks than poll-limit").hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void a_container_still_processing_after_the_look_limit_is_replaced_by_a_new_one() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofHours(1), 50);
        var account = fixture.accounts(1, "limit");
        long id = campaigns.launch(PublishingFixture.imageCampaign("Limit", account, fixture.images(1)), "control-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().containerId()).isNotNull());
        String stuck = fixture.posts(id).getFirst().containerId();
        // the stuck container keeps the hour it was given; a new one is processed at once
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);

        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        CampaignPost post = fixture.posts(id).getFirst();
        assertThat(post.status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(post.containerId()).isNotEqualTo(stuck);
        assertThat(log(id)).anySatisfy(line -> assertThat(line).contains("still processing the media after 8 looks"));
        assertThat(SandboxControl.published(app, account.getFirst().platformUserId())).singleElement()
                .satisfies(p -> assertThat(String.valueOf(p.containerId())).isEqualTo(post.containerId()));
    }

    @Test
    void an_expired_container_is_replaced_and_the_post_goes_out_once() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofHours(1), 50);
        var account = fixture.accounts(1, "expired");
        long id = campaigns.launch(PublishingFixture.imageCampaign("Expired", account, fixture.images(1)), "control-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().containerId()).isNotNull());
        String first = fixture.posts(id).getFirst().containerId();
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);
        SandboxControl.ageContainer(app, first, Duration.ofHours(25));

        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        CampaignPost post = fixture.posts(id).getFirst();
        assertThat(post.containerId()).isNotEqualTo(first);
        assertThat(log(id)).anySatisfy(line -> assertThat(line).contains("The container expired before it was published"));
        assertThat(SandboxControl.publishes(app, account.getFirst().platformUserId())).isEqualTo(1);
    }

    @Test
    void a_publish_refused_because_the_container_expired_makes_a_new_container() {
        var account = fixture.accounts(1, "expiredpublish");
        // the next publish answers -2/2207020: "The media container has expired"
        SandboxControl.inject(app, -2, 2207020, "publish", Long.parseLong(account.getFirst().platformUserId()), 1);
        long id = campaigns.launch(PublishingFixture.imageCampaign("Expired at publish", account, fixture.images(1)),
                "control-test");

        eventually(WAIT, () -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        assertThat(fixture.posts(id).getFirst().status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(log(id)).anySatisfy(line -> assertThat(line).contains("let the container expire"));
        assertThat(SandboxControl.published(app, account.getFirst().platformUserId())).singleElement();
    }

    @Test
    void a_post_waiting_for_the_quota_goes_out_when_a_slot_frees() {
        SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 1);
        var account = fixture.accounts(1, "slot");
        String user = account.getFirst().platformUserId();
        long first = campaigns.launch(PublishingFixture.imageCampaign("First", account, fixture.images(1)), "control-test");
        eventually(WAIT, () -> assertThat(campaigns.find(first).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
        // the platform's day moves on: the first post leaves the 24-hour window in 15 s
        SandboxControl.agePublishes(app, user, Duration.ofHours(24).minusSeconds(15));
        Instant slotFrees = Instant.now().plusSeconds(15);

        long second = campaigns.launch(PublishingFixture.imageCampaign("Second", account, fixture.images(1)), "control-test");
        eventually(WAIT, () -> assertThat(fixture.posts(second).getFirst().status()).isEqualTo(PostStatus.WAITING_QUOTA));
        assertThat(SandboxControl.publishes(app, user)).isEqualTo(1);

        eventually(WAIT, () -> assertThat(fixture.posts(second).getFirst()).extracting(CampaignPost::status)
                .as("%s; %s", fixture.posts(second).getFirst().statusReason(), log(second)).isEqualTo(PostStatus.PUBLISHED));
        CampaignPost post = fixture.posts(second).getFirst();
        assertThat(post.publishedAt().toInstant()).isAfterOrEqualTo(slotFrees.minusSeconds(2));
        assertThat(SandboxControl.published(app, user)).hasSize(2);
    }

    @Test
    void a_post_held_back_past_the_daily_window_waits_for_the_next_window(CapturedOutput output) {
        // an account whose local time is mid-day, so the window below never crosses midnight
        ZoneId zone = middayZone();
        var sandbox = SandboxControl.account(app, "window");
        var account = List.of(new PublishingFixture.Connected(app.bean(io.switchboard.accounts.Connections.class)
                .connectWithToken(io.switchboard.platform.Platform.INSTAGRAM, sandbox.accessToken(), zone.getId(),
                        "window"), sandbox.platformUserId()));
        var media = fixture.images(1);
        LocalTime now = ZonedDateTime.now(zone).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
        LocalTime windowStart = now.minusHours(1);
        LocalTime windowEnd = now.plusSeconds(8);
        // planned inside the window; the platform processes the media until after it closed
        SandboxControl.settings(app, Duration.ZERO, Duration.ofSeconds(15), 50);
        long id = campaigns.launch(PublishingFixture.campaign("Window", account, media, image(),
                new Schedule(null, Duration.ZERO, windowStart, windowEnd, 50)), "control-test");
        eventually(WAIT, () -> assertThat(fixture.posts(id).getFirst().containerId()).as("made within the window")
                .isNotNull());

        ZonedDateTime nextOpening = ZonedDateTime.now(zone).toLocalDate().plusDays(1).atTime(windowStart).atZone(zone);
        eventually(WAIT, () -> assertThat(runsAgain(id, output)).anySatisfy(again -> {
            assertThat(again.reason()).contains("outside the daily window");
            assertThat(again.at()).isEqualTo(nextOpening.toInstant());
        }));
        CampaignPost post = fixture.posts(id).getFirst();
        assertThat(post.status()).isNotEqualTo(PostStatus.PUBLISHED);
        assertThat(post.publishRequestedAt()).isNull();
        assertThat(SandboxControl.published(app, account.getFirst().platformUserId())).isEmpty();
    }

    private static PostOptions image() {
        return new PostOptions(PostType.IMAGE, false, null, 0);
    }

    /** A fixed-offset zone where it is between 10:00 and 14:00 now. */
    private static ZoneId middayZone() {
        int utcHour = ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(12 - utcHour + 12, 24) - 12;
        // Etc/GMT signs are inverted: Etc/GMT-3 is three hours ahead of UTC
        return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }

    /** @param delayMillis how long after its run the task was rescheduled for */
    record RunsAgain(Instant at, String reason, long delayMillis) {
    }

    /** The publish task's reschedules as the engine traced them: when it was rescheduled for and why. */
    private static List<RunsAgain> runsAgain(long campaignId, CapturedOutput output) {
        String taskId = String.valueOf(detail(campaignId).task().id());
        List<RunsAgain> lines = new ArrayList<>();
        for (String line : output.getAll().split("\\R")) {
            Matcher matcher = RUNS_AGAIN.matcher(line);
            if (matcher.find() && matcher.group(1).equals(taskId)) {
                lines.add(new RunsAgain(Instant.parse(matcher.group(3)), matcher.group(4),
                        Long.parseLong(matcher.group(2))));
            }
        }
        return lines;
    }

    /** How long each rescheduling for {@code reason} waited, in milliseconds, in order. */
    private static List<Long> waits(long campaignId, String reason, CapturedOutput output) {
        return runsAgain(campaignId, output).stream().filter(r -> r.reason().equals(reason))
                .map(RunsAgain::delayMillis).toList();
    }

    private static List<String> log(long campaignId) {
        return detail(campaignId).logs().stream().map(TaskDetail.LogEntry::message).toList();
    }

    /** The publish task of the campaign's only post. */
    private static TaskDetail detail(long campaignId) {
        long taskId = app.bean(DSLContext.class).select(TASK.ID).from(TASK)
                .where(TASK.GROUP_KEY.eq(Campaign.group(campaignId))).fetchSingle().value1();
        return app.bean(TaskQueries.class).detail(taskId).orElseThrow();
    }
}

package io.switchboard.instagram;

import io.switchboard.instagram.graph.ContainerRequest;
import io.switchboard.instagram.graph.ContainerState;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.platform.Credentials;
import io.switchboard.publishing.PostContent;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishAttempt;
import io.switchboard.publishing.PublishStep;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import testsupport.MediaServer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * A post whose media_publish answer was lost is found among the account's posts by the real adapter against the
 * sandbox, never by caption alone: two posts of one account with the same caption are never mistaken for each other.
 */
class CrashRecoveryMatchTest {
    private static final String CAPTION = "Same words, two posts #twins";
    private static AppInstance app;
    private static InstagramGraph graph;
    private static InstagramPublisher publisher;
    private static MediaServer media;
    @TempDir
    static Path clips;
    private static URI photo;
    private static URI other;

    @BeforeAll
    static void start() {
        media = new MediaServer();
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.tasks.poll-interval=200ms",
                "switchboard.tasks.promote-interval=50ms", "switchboard.sandbox.media-origins=" + media.origin());
        graph = app.bean(InstagramGraph.class);
        publisher = app.bean(InstagramPublisher.class);
        photo = media.serve(Clips.image(clips, "one.jpg", 1080, 1080));
        other = media.serve(Clips.image(clips, "two.jpg", 1081, 1080));
        SandboxControl.settings(app, Duration.ZERO, Duration.ZERO, 50);
    }

    @AfterAll
    static void stop() {
        media.close();
        app.close();
    }

    @Test
    void two_posts_with_one_caption_are_told_apart_by_what_is_recorded_and_when() {
        Credentials account = SandboxControl.account(app, "twins");
        String first = finishedContainer(account, photo);
        String second = finishedContainer(account, other);
        Instant firstRequested = Instant.now();
        String firstMedia = graph.publish(account, first).orElseThrow().mediaId();
        Instant secondRequested = Instant.now();
        String secondMedia = graph.publish(account, second).orElseThrow().mediaId();

        // the first post was recorded; the second one's answer was lost: it is the other media, not the first
        assertThat(recover(account, second, secondRequested, firstMedia::equals))
                .isEqualTo(new PublishStep.AlreadyPublished(secondMedia, graph.media(account, secondMedia).orElseThrow().permalink()));
        // and the other way round
        assertThat(recover(account, first, firstRequested, secondMedia::equals).postId()).isEqualTo(firstMedia);
        // neither recorded: two posts match, so none is taken rather than guessed
        assertThat(recover(account, second, secondRequested, id -> false).postId()).isNull();
        // a post published long before the request is not the one it made
        assertThat(recover(account, second, secondRequested.plus(Duration.ofHours(1)), firstMedia::equals).postId())
                .isNull();
    }

    @Test
    void a_post_of_another_type_with_the_same_caption_is_not_taken() {
        Credentials account = SandboxControl.account(app, "types");
        String container = finishedContainer(account, photo);
        Instant requested = Instant.now();
        graph.publish(account, container).orElseThrow();
        PublishStep asCarousel = publisher.advance(new PublishAttempt(1, account, content(PostType.CAROUSEL),
                new PublishAttempt.Progress(container, List.of(), requested, 1), id -> false));
        assertThat(((PublishStep.AlreadyPublished) asCarousel).postId()).isNull();
    }

    @Test
    void a_container_that_failed_with_a_passing_problem_is_made_again_not_looked_at_until_the_attempts_run_out() {
        Credentials account = SandboxControl.account(app, "errors");
        // the platform's download of the media timed out: the container stays in ERROR whatever happens next
        String timedOut = finishedContainer(account, photo);
        fail(timedOut, -2, 2207003, "It took too long to download the media.");
        assertThat(look(account, timedOut)).isInstanceOfSatisfying(PublishStep.StartOver.class, s -> {
            assertThat(s.countsAsAttempt()).isTrue();
            assertThat(s.reason()).contains("It took too long to download the media").contains("making a new one");
        });
        // as does a server error at the platform (-1/2207001)
        String serverError = finishedContainer(account, other);
        fail(serverError, -1, 2207001, "An unexpected error has occurred.");
        assertThat(look(account, serverError)).isInstanceOf(PublishStep.StartOver.class);
        // a rule the media breaks is not tried again with a new container: it fails with the rule
        String badFormat = finishedContainer(account, photo);
        fail(badFormat, 352, 2207026, "The video format is not supported.");
        assertThat(look(account, badFormat)).isInstanceOf(PublishStep.Failed.class);
    }

    private static void fail(String container, int code, int subcode, String message) {
        app.bean(org.jooq.DSLContext.class).execute("UPDATE sandbox_container SET error_code = {0}, error_subcode = {1}, "
                + "error_message = {2} WHERE id = {3}", code, subcode, message, Long.parseLong(container));
    }

    private static PublishStep look(Credentials account, String container) {
        return publisher.advance(new PublishAttempt(1, account, content(PostType.IMAGE),
                new PublishAttempt.Progress(container, List.of(), null, 1), id -> false));
    }

    private static PublishStep.AlreadyPublished recover(Credentials account, String container, Instant requested,
                                                        PublishAttempt.RecordedElsewhere recorded) {
        PublishStep step = publisher.advance(new PublishAttempt(1, account, content(PostType.IMAGE),
                new PublishAttempt.Progress(container, List.of(), requested, 1), recorded));
        assertThat(step).isInstanceOf(PublishStep.AlreadyPublished.class);
        return (PublishStep.AlreadyPublished) step;
    }

    private static PostContent content(PostType type) {
        return new PostContent(new PostOptions(type, false, null, type == PostType.CAROUSEL ? 2 : 0), CAPTION,
                List.of(), List::of);
    }

    private static String finishedContainer(Credentials account, URI image) {
        String id = graph.createContainer(account, ContainerRequest.image(image, CAPTION)).orElseThrow().id();
        eventually(Duration.ofSeconds(60), () -> assertThat(graph.containerStatus(account, id).orElseThrow().state())
                .isEqualTo(ContainerState.FINISHED));
        return id;
    }
}

package io.switchboard.publishing;

import io.switchboard.platform.Platform;
import io.switchboard.testing.AppInstance;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A platform's sandbox as the publishing tests drive it, one implementation per platform: the platform-specific
 * part of tests that prove the same thing of every {@link Publisher} (PublishingCrashTest runs once per row of
 * {@link #ALL}). Adding a platform is adding its row.
 */
interface SandboxPlatform {
    /** Every platform the publishing tests run against. */
    List<SandboxPlatform> ALL = List.of(new InstagramSandbox(), new TikTokSandboxPlatform());

    Platform platform();

    /** A new account in the sandbox, connected to Switchboard with the tag. */
    PublishingFixture.Connected connect(AppInstance app, String tag);

    /** How the sandbox answers from now on: each call after {@code latency}, media processed in {@code processing}. */
    void pace(AppInstance app, Duration latency, Duration processing);

    /** Posts the sandbox itself published for the account in the last 24 hours (its own record, not ours). */
    int publishes(AppInstance app, String platformUserId);

    /** The call that publishes, by the name it enters the sandbox with (see {@code SandboxControl.slowOnly}). */
    String publishCall();

    /**
     * Whether {@code app}'s sandbox is serving the call that publishes right now (it has arrived and is not yet
     * answered), by the sandbox's own count.
     */
    boolean publishBeingServed(AppInstance app);

    /** Settings that point another instance's adapter at {@code app}'s sandbox. */
    List<String> pointedAt(AppInstance app);

    /** A campaign of one post for the account, of media the platform takes (Instagram: an image; TikTok: a video). */
    default CampaignSpec campaign(PublishingFixture fixture, String name, PublishingFixture.Connected account) {
        return PublishingFixture.imageCampaign(name, List.of(account), fixture.images(1));
    }

    /** The moments of a publish on this platform at which the crash test kills the publishing instance. */
    List<KillPoint> killPoints();

    /**
     * A moment of a publish, seen in the post's row.
     *
     * @param latency     how slowly the sandbox answers the call that publishes (every other call: 100 ms), so the
     *                    kill lands where meant (that call in flight)
     * @param processing  how long the sandbox processes media, long enough for the moment to be seen even on a
     *                    loaded machine
     * @param inFlight    the kill lands while the call that publishes is in flight: the survivor must find the post
     *                    published and record it without publishing again
     */
    record KillPoint(String name, Predicate<CampaignPost> reached, Duration latency, Duration processing,
                     boolean inFlight) {
        @Override
        public String toString() {
            return name;
        }
    }
}

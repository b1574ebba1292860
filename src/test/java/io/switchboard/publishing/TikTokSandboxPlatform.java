package io.switchboard.publishing;

import io.switchboard.platform.Platform;
import io.switchboard.sandbox.TikTokControl;
import io.switchboard.testing.AppInstance;

import java.time.Duration;
import java.util.List;

/** The TikTok sandbox for the publishing tests (see {@link SandboxPlatform}). */
final class TikTokSandboxPlatform implements SandboxPlatform {

    @Override
    public Platform platform() {
        return Platform.TIKTOK;
    }

    @Override
    public PublishingFixture.Connected connect(AppInstance app, String tag) {
        var creator = TikTokControl.creator(app, tag);
        return new PublishingFixture.Connected(TikTokControl.connect(app, creator.accessToken(), tag),
                creator.platformUserId());
    }

    @Override
    public void pace(AppInstance app, Duration latency, Duration processing) {
        // the crash test looks often; TikTok's per-token limits would only slow it (the client tests check them)
        TikTokControl.settings(app, latency, processing, 15, false);
    }

    @Override
    public int publishes(AppInstance app, String platformUserId) {
        return TikTokControl.publishes(app, platformUserId);
    }

    @Override
    public String publishCall() {
        return "init";
    }

    @Override
    public boolean publishBeingServed(AppInstance app) {
        return io.switchboard.sandbox.SandboxControl.serving(app, "tiktok.directPost") > 0;
    }

    @Override
    public List<String> pointedAt(AppInstance app) {
        return List.of("switchboard.tiktok.api-url=" + app.url("/sandbox/tiktok"));
    }

    @Override
    public CampaignSpec campaign(PublishingFixture fixture, String name, PublishingFixture.Connected account) {
        return PublishingFixture.campaign(name, List.of(account), fixture.videos(1), PostOptions.reels(),
                new Schedule(null, Duration.ZERO, null, null, 50));
    }

    @Override
    public List<KillPoint> killPoints() {
        Duration quick = Duration.ofMillis(100);
        Duration processing = Duration.ofSeconds(2);
        return List.of(
                new KillPoint("after the publish id is stored", p -> p.containerId() != null, quick, processing, false),
                new KillPoint("while TikTok processes the video", p -> p.containerId() != null && p.polls() >= 2,
                        quick, Duration.ofSeconds(8), false),
                new KillPoint("with the init in flight", p -> p.publishRequestedAt() != null && p.containerId() == null,
                        Duration.ofSeconds(4), processing, true));
    }

    @Override
    public String toString() {
        return platform().label();
    }
}

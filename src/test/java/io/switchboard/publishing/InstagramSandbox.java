package io.switchboard.publishing;

import io.switchboard.platform.Platform;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.testing.AppInstance;

import java.time.Duration;
import java.util.List;

/** The Instagram Graph sandbox for the publishing tests (see {@link SandboxPlatform}). */
final class InstagramSandbox implements SandboxPlatform {

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public PublishingFixture.Connected connect(AppInstance app, String tag) {
        var sandbox = SandboxControl.account(app, tag);
        return new PublishingFixture.Connected(SandboxControl.connect(app, sandbox.accessToken(), tag),
                sandbox.platformUserId());
    }

    @Override
    public void pace(AppInstance app, Duration latency, Duration processing) {
        SandboxControl.settings(app, latency, processing, 50);
    }

    @Override
    public int publishes(AppInstance app, String platformUserId) {
        return SandboxControl.publishes(app, platformUserId);
    }

    @Override
    public String publishCall() {
        return "publish";
    }

    @Override
    public boolean publishBeingServed(AppInstance app) {
        return SandboxControl.serving(app, "publish") > 0;
    }

    @Override
    public List<String> pointedAt(AppInstance app) {
        return List.of("switchboard.instagram.graph-url=" + app.url("/sandbox/graph"));
    }

    @Override
    public List<KillPoint> killPoints() {
        Duration quick = Duration.ofMillis(100);
        Duration processing = Duration.ofSeconds(2);
        return List.of(
                new KillPoint("after the container is made", p -> p.containerId() != null, quick, processing, false),
                // processing long enough for two looks even when the machine is loaded
                new KillPoint("while the platform processes the media", p -> p.containerId() != null
                        && p.polls() >= 2 && p.publishRequestedAt() == null, quick, Duration.ofSeconds(8), false),
                // a slow answer (4 s: a loaded machine needs a wide window to see the call being served) so the
                // kill lands while media_publish is in flight
                new KillPoint("with the publish in flight", p -> p.publishRequestedAt() != null,
                        Duration.ofSeconds(4), processing, true));
    }

    @Override
    public String toString() {
        return platform().label();
    }
}

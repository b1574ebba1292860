package io.switchboard.sandbox;

import io.switchboard.accounts.Connections;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.testing.AppInstance;

import java.time.Duration;
import java.util.List;

/** The TikTok sandbox's knobs for tests in any package, set in its database as the Sandbox page sets them. */
public final class TikTokControl {

    private TikTokControl() {
    }

    /** A new creator with a token granting every scope Switchboard asks for (Login Kit's, with its refresh token). */
    public static Credentials creator(AppInstance app, String prefix) {
        return creator(app, prefix, TikTokController.DEFAULT_SCOPES);
    }

    public static Credentials creator(AppInstance app, String prefix, String scopes) {
        TikTokStore store = app.bean(TikTokStore.class);
        var user = store.createUser(prefix + "_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        var token = store.issue(user.id(), scopes);
        return new Credentials(null, user.openId(), token.accessToken(), token.refreshToken());
    }

    /** Connects the creator a token opens, as pasting it would; returns the account's id. */
    public static long connect(AppInstance app, String token, String tags) {
        return app.bean(Connections.class).connectWithToken(Platform.TIKTOK, token, "UTC", tags);
    }

    /** Latency and processing delay (shared with the Graph sandbox), the daily cap and whether rate limits apply. */
    public static void settings(AppInstance app, Duration latency, Duration processing, int dailyCap,
                                boolean rateLimits) {
        app.bean(BehaviourStore.class).update(latency, processing, 50, 4800, "test");
        app.bean(TikTokStore.class).behaviour(dailyCap, rateLimits);
    }

    /** The next {@code times} calls of the endpoint (creator_info, init, inbox_init, status, user_info, video_list, any)
     * of the creator answer the error; endpoint "processing" fails the creator's next posts with the fail reason. */
    public static void inject(AppInstance app, String code, String endpoint, String openId, int times) {
        TikTokStore store = app.bean(TikTokStore.class);
        store.addFault(code, endpoint, store.userByOpenId(openId).orElseThrow().id(), times);
    }

    public static void clearFaults(AppInstance app) {
        app.bean(TikTokStore.class).clearFaults();
    }

    /** Direct posts of the creator in the last 24 hours that did not fail: the sandbox's own record. */
    public static int publishes(AppInstance app, String openId) {
        TikTokStore store = app.bean(TikTokStore.class);
        return store.directPostsWithin(store.userByOpenId(openId).orElseThrow().id(), Duration.ofHours(24));
    }

    /** The creator's posts as the sandbox recorded them: "status title". */
    public static List<String> posts(AppInstance app, String openId) {
        TikTokStore store = app.bean(TikTokStore.class);
        long id = store.userByOpenId(openId).orElseThrow().id();
        return app.bean(org.jooq.DSLContext.class).fetch("SELECT status || ' ' || title FROM sandbox_tiktok_publish "
                + "WHERE user_id = {0} ORDER BY id", id).map(r -> r.get(0, String.class));
    }

    public static void revokeTokens(AppInstance app, String openId) {
        TikTokStore store = app.bean(TikTokStore.class);
        store.revokeTokens(store.userByOpenId(openId).orElseThrow().id());
    }

    public static void privacyOptions(AppInstance app, String openId, List<String> options) {
        privacyOptions(app, openId, options, 600);
    }

    /** What the creator may choose, and the longest video it may post (its creator info's max_video_post_duration_sec). */
    public static void privacyOptions(AppInstance app, String openId, List<String> options, int maxDurationSec) {
        TikTokStore store = app.bean(TikTokStore.class);
        store.setPrivacyOptions(store.userByOpenId(openId).orElseThrow().id(), options, maxDurationSec);
    }
}

package io.switchboard.sandbox;

import io.switchboard.accounts.Connections;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.testing.AppInstance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Instagram sandbox's knobs for tests in any package, set in its database like the ADMIN Sandbox page sets them (so
 * they apply on every instance of the test's cluster).
 */
public final class SandboxControl {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private SandboxControl() {
    }

    /** A fresh sandbox account with a long-lived token, as connecting it would give. */
    public static Credentials account(AppInstance app, String prefix) {
        return account(app, prefix, SandboxOAuth.DEFAULT_SCOPES);
    }

    private static Credentials account(AppInstance app, String prefix, String scopes) {
        var oauth = app.bean(SandboxOAuth.class);
        SandboxAccount account = oauth.createAccount(prefix + "_" + ProcessHandle.current().pid() + "_"
                + ACCOUNTS.incrementAndGet());
        String token = app.bean(AccountStore.class).issueToken(account.id(), true, scopes, SandboxOAuth.LONG_LIVED);
        return new Credentials(null, String.valueOf(account.id()), token);
    }

    /** A fresh sandbox account whose token grants publishing but not insights ({@code instagram_business_manage_insights}). */
    public static Credentials accountWithoutInsights(AppInstance app, String prefix) {
        return account(app, prefix, "instagram_business_basic,instagram_business_content_publish,"
                + SandboxOAuth.COMMENTS_SCOPE);
    }

    /** A fresh sandbox account whose token lacks the comments permission (as if the operator did not grant it). */
    public static Credentials accountWithoutComments(AppInstance app, String prefix) {
        return account(app, prefix, "instagram_business_basic,instagram_business_content_publish,"
                + "instagram_business_manage_insights");
    }

    /** The sandbox account's username. */
    public static String username(AppInstance app, String platformUserId) {
        return app.bean(AccountStore.class).byId(Long.parseLong(platformUserId)).orElseThrow().username();
    }

    /**
     * The options each container of the account was made with, as the sandbox recorded them (a JSON object of the
     * parameters as sent), oldest first, by the container's type ("IMAGE", "VIDEO" for a carousel's video, "REELS",
     * "CAROUSEL", "STORIES").
     */
    public record RecordedOptions(long containerId, String mediaType, boolean carouselItem, String options) {
    }

    public static java.util.List<RecordedOptions> containerOptions(AppInstance app, String platformUserId) {
        return app.bean(org.jooq.DSLContext.class).fetch("SELECT id, media_type, carousel_item, options::text FROM "
                        + "sandbox_container WHERE account_id = {0} ORDER BY id", Long.parseLong(platformUserId))
                .map(r -> new RecordedOptions(r.get(0, Long.class), r.get(1, String.class), r.get(2, Boolean.class),
                        r.get(3, String.class)));
    }

    /**
     * A Reel container as an instance leaves it when it is killed right after making it: committed, its media not
     * fetched, and nobody fetching it; made {@code ago} (the processing delay long past). Returns its id.
     */
    public static String containerWithLostFetch(AppInstance app, String platformUserId, String videoUrl,
                                                Duration ago) {
        SandboxContainer container = app.bean(ContainerStore.class).insert(new ContainerStore.NewContainer(
                Long.parseLong(platformUserId), "REELS", false, true, videoUrl, false, null, java.util.List.of(), null,
                "{}"), Duration.ZERO);
        app.bean(org.jooq.DSLContext.class).execute("UPDATE sandbox_container SET created_at = created_at - {0}, "
                + "ready_not_before = ready_not_before - {0} WHERE id = {1}",
                org.jooq.types.DayToSecond.valueOf(ago), container.id());
        return String.valueOf(container.id());
    }

    /** How long a container's fetch may take before a look at its status starts it again on any instance. */
    public static Duration fetchStalledAfter() {
        return MediaFetches.STALLED;
    }

    /** The comments on a published post, oldest first: "username: text". */
    public static java.util.List<String> comments(AppInstance app, String mediaId) {
        return app.bean(org.jooq.DSLContext.class).fetch("SELECT a.username || ': ' || c.text FROM sandbox_comment c "
                + "JOIN sandbox_account a ON a.id = c.account_id WHERE c.media_id = {0} ORDER BY c.id",
                Long.parseLong(mediaId)).map(r -> r.get(0, String.class));
    }

    /** Connects (or reconnects) the sandbox account a token opens, as pasting it would; returns its id. */
    public static long connect(AppInstance app, String token, String tags) {
        return app.bean(Connections.class).connectWithToken(Platform.INSTAGRAM, token, "UTC", tags);
    }

    /** Another long-lived token for an existing sandbox account (as reconnecting it would give). */
    public static String newToken(AppInstance app, String platformUserId) {
        return app.bean(AccountStore.class).issueToken(Long.parseLong(platformUserId), true,
                SandboxOAuth.DEFAULT_SCOPES, SandboxOAuth.LONG_LIVED);
    }

    public static void settings(AppInstance app, Duration latency, Duration processingDelay, int publishQuota) {
        app.bean(BehaviourStore.class).update(latency, processingDelay, publishQuota, 4800, "test");
    }

    /**
     * From now on only {@code call} (by the name it enters the sandbox with: "publish", "comment", TikTok's "init")
     * answers after {@code latency} on the app's sandbox; every other call keeps the sandbox's latency. For a kill
     * that must land while that one call is in flight, without every other call of the publish waiting as long.
     */
    public static void slowOnly(AppInstance app, String call, Duration latency) {
        SlowCalls calls = app.bean(SlowCalls.class);
        calls.clear();
        calls.set(call, latency);
    }

    /** The next {@code times} calls of {@code call} ("any", "publish", "profile", …) for the account fail so. */
    public static void inject(AppInstance app, int code, Integer subcode, String call, long accountId, int times) {
        app.bean(BehaviourStore.class).addFault(code, subcode, call, accountId, 1.0, times);
    }

    /** Usage the headers report for the account at least; 100 makes the sandbox throttle it. */
    public static void usage(AppInstance app, String scope, int percent, int regainMinutes) {
        app.bean(BehaviourStore.class).setFloor(scope, percent, regainMinutes);
    }

    /** Removes every fault and usage floor. */
    public static void clearFaults(AppInstance app) {
        app.bean(BehaviourStore.class).clear();
    }

    /**
     * How many calls of {@code call} (a Graph call by its sandbox handler's name: "publish" for media_publish,
     * "comment", …) the app's sandbox is serving right now: arrived and not yet answered.
     */
    public static int serving(AppInstance app, String call) {
        return app.bean(CallsInFlight.class).serving(call);
    }

    /** Calls of the account that reached the sandbox in the last hour. */
    public static long calls(AppInstance app, String platformUserId) {
        return app.bean(BehaviourStore.class).callsInLastHour(Long.parseLong(platformUserId));
    }

    /** Posts the account published within the last 24 hours. */
    public static int publishes(AppInstance app, String platformUserId) {
        return app.bean(ContainerStore.class).publishedWithin(Long.parseLong(platformUserId), Duration.ofHours(24)).size();
    }

    /**
     * A post on the platform as the sandbox recorded it: the type its container asked for (REELS, STORIES,
     * CAROUSEL, IMAGE), caption, container, children, whether a video.
     */
    public record PlatformPost(String mediaType, String caption, long containerId, int children, boolean video) {
    }

    /** Everything the account published, oldest first, from the sandbox's own record. */
    public static java.util.List<PlatformPost> published(AppInstance app, String platformUserId) {
        return app.bean(org.jooq.DSLContext.class).fetch("SELECT c.media_type, m.caption, m.container_id, "
                        + "coalesce(cardinality(c.children), 0), c.video FROM sandbox_media m JOIN sandbox_container c ON "
                        + "c.id = m.container_id WHERE m.account_id = {0} ORDER BY m.published_at, m.id",
                Long.parseLong(platformUserId)).map(r -> new PlatformPost(r.get(0, String.class),
                r.get(1, String.class), r.get(2, Long.class), r.get(3, Integer.class), r.get(4, Boolean.class)));
    }

    /** Moves the account's publishes back in time by {@code age}, as if that much time had passed at the platform. */
    public static void agePublishes(AppInstance app, String platformUserId, Duration age) {
        app.bean(org.jooq.DSLContext.class).execute("UPDATE sandbox_media SET published_at = published_at - {0}::interval "
                + "WHERE account_id = {1}", age.toSeconds() + " seconds", Long.parseLong(platformUserId));
    }

    /** Moves a container's creation back in time by {@code age} (past 24 hours it has expired). */
    public static void ageContainer(AppInstance app, String containerId, Duration age) {
        app.bean(org.jooq.DSLContext.class).execute("UPDATE sandbox_container SET created_at = created_at - {0}::interval "
                + "WHERE id = {1}", age.toSeconds() + " seconds", Long.parseLong(containerId));
    }

    public static void revokeTokens(AppInstance app, String platformUserId) {
        app.bean(AccountStore.class).revokeTokens(Long.parseLong(platformUserId));
    }

    /** Makes the account's tokens 59 days old: they expire in a day and may be refreshed. */
    public static void ageTokens(AppInstance app, String platformUserId) {
        app.bean(AccountStore.class).ageTokens(Long.parseLong(platformUserId));
    }

    public static void changeProfile(AppInstance app, String platformUserId, String biography, String website) {
        app.bean(AccountStore.class).updateProfile(Long.parseLong(platformUserId), biography, website, 1000);
    }

    /** The account starts with this many followers (it still grows at its seeded rate from there). */
    public static void followers(AppInstance app, String platformUserId, int followers) {
        var store = app.bean(AccountStore.class);
        var account = store.byId(Long.parseLong(platformUserId)).orElseThrow();
        store.updateProfile(account.id(), account.biography(), account.website(), followers);
    }

    /** The sandbox's seeded split of an account's followers by one breakdown, as it answers it now. */
    public static java.util.Map<String, Long> demographics(AppInstance app, String platformUserId, String breakdown) {
        var store = app.bean(AccountStore.class);
        var account = store.byId(Long.parseLong(platformUserId)).orElseThrow();
        long followers = app.bean(SandboxInsights.class).followers(account, store.now());
        return SandboxDemographics.split(account.id(), breakdown, SandboxDemographics.groups(breakdown), followers);
    }
}

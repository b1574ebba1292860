package io.switchboard.sandbox;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static switchboard.jooq.Tables.SANDBOX_TIKTOK_BEHAVIOUR;
import static switchboard.jooq.Tables.SANDBOX_TIKTOK_CALL;
import static switchboard.jooq.Tables.SANDBOX_TIKTOK_CODE;
import static switchboard.jooq.Tables.SANDBOX_TIKTOK_FAULT;
import static switchboard.jooq.Tables.SANDBOX_TIKTOK_PUBLISH;
import static switchboard.jooq.Tables.SANDBOX_TIKTOK_TOKEN;
import static switchboard.jooq.Tables.SANDBOX_TIKTOK_USER;

/** The TikTok sandbox's state in PostgreSQL (so every instance serves the same platform), on the database clock. */
@Component
@Conditional(SandboxEnabled.class)
class TikTokStore {
    static final Duration ACCESS_LIFETIME = Duration.ofHours(24);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(365);
    private final DSLContext db;

    TikTokStore(DSLContext db) {
        this.db = db;
    }

    record User(long id, String openId, String username, String nickname, List<String> privacyOptions,
                int maxDurationSec, boolean commentDisabled, boolean duetDisabled, boolean stitchDisabled,
                int followers) {
    }

    record Token(String accessToken, String refreshToken, long userId, String scopes, OffsetDateTime expiresAt,
                 OffsetDateTime refreshExpiresAt, @Nullable OffsetDateTime revokedAt) {
        boolean grants(String scope) {
            return List.of(scopes.split(",")).contains(scope);
        }
    }

    record Publish(long id, String publishId, long userId, String mode, String source, @Nullable String videoUrl,
                   @Nullable Long videoSize, long uploadedBytes, String title, String postInfo, String status,
                   @Nullable String failReason, @Nullable String postId, OffsetDateTime createdAt,
                   @Nullable OffsetDateTime completedAt) {
    }

    record Behaviour(int dailyCap, boolean rateLimits) {
    }

    OffsetDateTime now() {
        return db.select(org.jooq.impl.DSL.currentOffsetDateTime()).fetchSingle().value1();
    }

    @Transactional
    User createUser(String username) {
        long id = db.insertInto(SANDBOX_TIKTOK_USER)
                .set(SANDBOX_TIKTOK_USER.OPEN_ID, "-" + UUID.randomUUID().toString().replace("-", ""))
                .set(SANDBOX_TIKTOK_USER.USERNAME, username)
                .set(SANDBOX_TIKTOK_USER.NICKNAME, username.replace('_', ' '))
                .returning(SANDBOX_TIKTOK_USER.ID).fetchSingle().getId();
        return user(id).orElseThrow();
    }

    Optional<User> user(long id) {
        return db.selectFrom(SANDBOX_TIKTOK_USER).where(SANDBOX_TIKTOK_USER.ID.eq(id)).fetchOptional(TikTokStore::user);
    }

    Optional<User> userByOpenId(String openId) {
        return db.selectFrom(SANDBOX_TIKTOK_USER).where(SANDBOX_TIKTOK_USER.OPEN_ID.eq(openId))
                .fetchOptional(TikTokStore::user);
    }

    int userCount() {
        return db.fetchCount(SANDBOX_TIKTOK_USER);
    }

    void setPrivacyOptions(long userId, List<String> options, int maxDurationSec) {
        db.update(SANDBOX_TIKTOK_USER).set(SANDBOX_TIKTOK_USER.PRIVACY_OPTIONS, options.toArray(String[]::new))
                .set(SANDBOX_TIKTOK_USER.MAX_DURATION_SEC, maxDurationSec)
                .where(SANDBOX_TIKTOK_USER.ID.eq(userId)).execute();
    }

    private static User user(switchboard.jooq.tables.records.SandboxTiktokUserRecord r) {
        return new User(r.getId(), r.getOpenId(), r.getUsername(), r.getNickname(), List.of(r.getPrivacyOptions()),
                r.getMaxDurationSec(), r.getCommentDisabled(), r.getDuetDisabled(), r.getStitchDisabled(),
                r.getFollowers());
    }

    Token issue(long userId, String scopes) {
        OffsetDateTime now = now();
        Token token = new Token("act." + UUID.randomUUID().toString().replace("-", ""),
                "rft." + UUID.randomUUID().toString().replace("-", ""), userId, scopes, now.plus(ACCESS_LIFETIME),
                now.plus(REFRESH_LIFETIME), null);
        db.insertInto(SANDBOX_TIKTOK_TOKEN).set(SANDBOX_TIKTOK_TOKEN.ACCESS_TOKEN, token.accessToken())
                .set(SANDBOX_TIKTOK_TOKEN.REFRESH_TOKEN, token.refreshToken())
                .set(SANDBOX_TIKTOK_TOKEN.USER_ID, userId).set(SANDBOX_TIKTOK_TOKEN.SCOPES, scopes)
                .set(SANDBOX_TIKTOK_TOKEN.EXPIRES_AT, token.expiresAt())
                .set(SANDBOX_TIKTOK_TOKEN.REFRESH_EXPIRES_AT, token.refreshExpiresAt()).execute();
        return token;
    }

    Optional<Token> token(String accessToken) {
        return db.selectFrom(SANDBOX_TIKTOK_TOKEN).where(SANDBOX_TIKTOK_TOKEN.ACCESS_TOKEN.eq(accessToken))
                .fetchOptional(TikTokStore::token);
    }

    Optional<Token> byRefresh(String refreshToken) {
        return db.selectFrom(SANDBOX_TIKTOK_TOKEN).where(SANDBOX_TIKTOK_TOKEN.REFRESH_TOKEN.eq(refreshToken))
                .fetchOptional(TikTokStore::token);
    }

    void revokeTokens(long userId) {
        db.update(SANDBOX_TIKTOK_TOKEN).set(SANDBOX_TIKTOK_TOKEN.REVOKED_AT, now())
                .where(SANDBOX_TIKTOK_TOKEN.USER_ID.eq(userId)).execute();
    }

    /** Makes the user's access tokens expire now (their refresh tokens stay good). */
    void expireTokens(long userId) {
        db.update(SANDBOX_TIKTOK_TOKEN).set(SANDBOX_TIKTOK_TOKEN.EXPIRES_AT, now().minusSeconds(1))
                .where(SANDBOX_TIKTOK_TOKEN.USER_ID.eq(userId)).execute();
    }

    private static Token token(switchboard.jooq.tables.records.SandboxTiktokTokenRecord r) {
        return new Token(r.getAccessToken(), r.getRefreshToken(), r.getUserId(), r.getScopes(), r.getExpiresAt(),
                r.getRefreshExpiresAt(), r.getRevokedAt());
    }

    String code(long userId, String redirectUri, String scopes) {
        String code = UUID.randomUUID().toString().replace("-", "");
        db.insertInto(SANDBOX_TIKTOK_CODE).set(SANDBOX_TIKTOK_CODE.CODE, code)
                .set(SANDBOX_TIKTOK_CODE.USER_ID, userId).set(SANDBOX_TIKTOK_CODE.REDIRECT_URI, redirectUri)
                .set(SANDBOX_TIKTOK_CODE.SCOPES, scopes).execute();
        return code;
    }

    /** The code's user and scopes, used once, within 10 minutes, for the redirect URI it was issued to. */
    @Transactional
    Optional<Token> redeem(String code, String redirectUri) {
        var row = db.update(SANDBOX_TIKTOK_CODE).set(SANDBOX_TIKTOK_CODE.USED_AT, now())
                .where(SANDBOX_TIKTOK_CODE.CODE.eq(code)).and(SANDBOX_TIKTOK_CODE.USED_AT.isNull())
                .and(SANDBOX_TIKTOK_CODE.REDIRECT_URI.eq(redirectUri))
                .and(SANDBOX_TIKTOK_CODE.CREATED_AT.gt(now().minusMinutes(10)))
                .returning(SANDBOX_TIKTOK_CODE.USER_ID, SANDBOX_TIKTOK_CODE.SCOPES).fetchOptional();
        return row.map(r -> issue(r.getUserId(), r.getScopes()));
    }

    Behaviour behaviour() {
        return db.selectFrom(SANDBOX_TIKTOK_BEHAVIOUR).fetchSingle(r -> new Behaviour(r.getDailyCap(), r.getRateLimits()));
    }

    void behaviour(int dailyCap, boolean rateLimits) {
        db.update(SANDBOX_TIKTOK_BEHAVIOUR).set(SANDBOX_TIKTOK_BEHAVIOUR.DAILY_CAP, dailyCap)
                .set(SANDBOX_TIKTOK_BEHAVIOUR.RATE_LIMITS, rateLimits).execute();
    }

    /** Counts the call and answers how many the user made to the endpoint in the last minute, this one included. */
    int countCall(long userId, String endpoint) {
        OffsetDateTime now = now();
        db.insertInto(SANDBOX_TIKTOK_CALL).set(SANDBOX_TIKTOK_CALL.USER_ID, userId)
                .set(SANDBOX_TIKTOK_CALL.ENDPOINT, endpoint).set(SANDBOX_TIKTOK_CALL.AT, now).execute();
        db.deleteFrom(SANDBOX_TIKTOK_CALL).where(SANDBOX_TIKTOK_CALL.AT.lt(now.minusHours(1))).execute();
        return db.fetchCount(SANDBOX_TIKTOK_CALL, SANDBOX_TIKTOK_CALL.USER_ID.eq(userId)
                .and(SANDBOX_TIKTOK_CALL.ENDPOINT.eq(endpoint)).and(SANDBOX_TIKTOK_CALL.AT.gt(now.minusMinutes(1))));
    }

    void addFault(String code, String endpoint, @Nullable Long userId, int times) {
        db.insertInto(SANDBOX_TIKTOK_FAULT).set(SANDBOX_TIKTOK_FAULT.CODE, code)
                .set(SANDBOX_TIKTOK_FAULT.ENDPOINT, endpoint).set(SANDBOX_TIKTOK_FAULT.USER_ID, userId)
                .set(SANDBOX_TIKTOK_FAULT.REMAINING, times).execute();
    }

    record FaultRow(long id, String code, String endpoint, @Nullable Long userId, int remaining) {
    }

    List<FaultRow> faults() {
        return db.selectFrom(SANDBOX_TIKTOK_FAULT).where(SANDBOX_TIKTOK_FAULT.REMAINING.gt(0))
                .orderBy(SANDBOX_TIKTOK_FAULT.ID).fetch(r -> new FaultRow(r.getId(), r.getCode(), r.getEndpoint(),
                        r.getUserId(), r.getRemaining()));
    }

    void clearFaults() {
        db.deleteFrom(SANDBOX_TIKTOK_FAULT).execute();
    }

    /** Uses up one injected fault for the endpoint (or "any") and user, if one is left. */
    @Transactional
    Optional<String> strike(String endpoint, long userId) {
        var fault = db.selectFrom(SANDBOX_TIKTOK_FAULT).where(SANDBOX_TIKTOK_FAULT.REMAINING.gt(0))
                .and(SANDBOX_TIKTOK_FAULT.ENDPOINT.in(endpoint, "any"))
                .and(SANDBOX_TIKTOK_FAULT.USER_ID.isNull().or(SANDBOX_TIKTOK_FAULT.USER_ID.eq(userId)))
                .orderBy(SANDBOX_TIKTOK_FAULT.ID).limit(1).forUpdate().skipLocked().fetchOptional();
        fault.ifPresent(f -> db.update(SANDBOX_TIKTOK_FAULT).set(SANDBOX_TIKTOK_FAULT.REMAINING, f.getRemaining() - 1)
                .where(SANDBOX_TIKTOK_FAULT.ID.eq(f.getId())).execute());
        return fault.map(f -> f.getCode());
    }

    Publish createPublish(long userId, String mode, String source, @Nullable String videoUrl, @Nullable Long videoSize,
                          String title, String postInfoJson) {
        String publishId = "v_pub_" + (mode.equals("INBOX") ? "inbox" : "url") + "~v2." + UUID.randomUUID();
        long id = db.insertInto(SANDBOX_TIKTOK_PUBLISH).set(SANDBOX_TIKTOK_PUBLISH.PUBLISH_ID, publishId)
                .set(SANDBOX_TIKTOK_PUBLISH.USER_ID, userId).set(SANDBOX_TIKTOK_PUBLISH.MODE, mode)
                .set(SANDBOX_TIKTOK_PUBLISH.SOURCE, source).set(SANDBOX_TIKTOK_PUBLISH.VIDEO_URL, videoUrl)
                .set(SANDBOX_TIKTOK_PUBLISH.VIDEO_SIZE, videoSize).set(SANDBOX_TIKTOK_PUBLISH.TITLE, title)
                .set(SANDBOX_TIKTOK_PUBLISH.POST_INFO, JSONB.valueOf(postInfoJson))
                .set(SANDBOX_TIKTOK_PUBLISH.STATUS, source.equals("FILE_UPLOAD") ? "PROCESSING_UPLOAD"
                        : "PROCESSING_DOWNLOAD")
                .returning(SANDBOX_TIKTOK_PUBLISH.ID).fetchSingle().getId();
        return publishById(id).orElseThrow();
    }

    Optional<Publish> publish(String publishId) {
        return db.selectFrom(SANDBOX_TIKTOK_PUBLISH).where(SANDBOX_TIKTOK_PUBLISH.PUBLISH_ID.eq(publishId))
                .fetchOptional(TikTokStore::publish);
    }

    Optional<Publish> publishById(long id) {
        return db.selectFrom(SANDBOX_TIKTOK_PUBLISH).where(SANDBOX_TIKTOK_PUBLISH.ID.eq(id))
                .fetchOptional(TikTokStore::publish);
    }

    Optional<Publish> byPostId(String postId) {
        return db.selectFrom(SANDBOX_TIKTOK_PUBLISH).where(SANDBOX_TIKTOK_PUBLISH.POST_ID.eq(postId))
                .fetchOptional(TikTokStore::publish);
    }

    /** Direct posts of the user in the last 24 hours that did not fail (what counts against the daily cap). */
    int directPostsWithin(long userId, Duration window) {
        return db.fetchCount(SANDBOX_TIKTOK_PUBLISH, SANDBOX_TIKTOK_PUBLISH.USER_ID.eq(userId)
                .and(SANDBOX_TIKTOK_PUBLISH.MODE.eq("DIRECT_POST")).and(SANDBOX_TIKTOK_PUBLISH.STATUS.ne("FAILED"))
                .and(SANDBOX_TIKTOK_PUBLISH.CREATED_AT.gt(now().minus(window))));
    }

    int pendingDrafts(long userId) {
        return db.fetchCount(SANDBOX_TIKTOK_PUBLISH, SANDBOX_TIKTOK_PUBLISH.USER_ID.eq(userId)
                .and(SANDBOX_TIKTOK_PUBLISH.MODE.eq("INBOX")).and(SANDBOX_TIKTOK_PUBLISH.STATUS.ne("FAILED"))
                .and(SANDBOX_TIKTOK_PUBLISH.CREATED_AT.gt(now().minusHours(24))));
    }

    /** The user's published posts, newest first (what {@code /v2/video/list/} lists). */
    List<Publish> published(long userId, int limit) {
        return db.selectFrom(SANDBOX_TIKTOK_PUBLISH).where(SANDBOX_TIKTOK_PUBLISH.USER_ID.eq(userId))
                .and(SANDBOX_TIKTOK_PUBLISH.STATUS.eq("PUBLISH_COMPLETE"))
                .orderBy(SANDBOX_TIKTOK_PUBLISH.COMPLETED_AT.desc()).limit(limit).fetch(TikTokStore::publish);
    }

    /** The user's posts TikTok still processes (it processes them whether or not anyone asks their status). */
    List<Publish> processing(long userId) {
        return db.selectFrom(SANDBOX_TIKTOK_PUBLISH).where(SANDBOX_TIKTOK_PUBLISH.USER_ID.eq(userId))
                .and(SANDBOX_TIKTOK_PUBLISH.STATUS.eq("PROCESSING_DOWNLOAD")).orderBy(SANDBOX_TIKTOK_PUBLISH.ID)
                .limit(50).fetch(TikTokStore::publish);
    }

    void uploaded(long id, long bytes) {
        db.update(SANDBOX_TIKTOK_PUBLISH).set(SANDBOX_TIKTOK_PUBLISH.UPLOADED_BYTES, bytes)
                .set(SANDBOX_TIKTOK_PUBLISH.STATUS, org.jooq.impl.DSL.when(SANDBOX_TIKTOK_PUBLISH.VIDEO_SIZE.le(bytes),
                        "PROCESSING_DOWNLOAD").otherwise(SANDBOX_TIKTOK_PUBLISH.STATUS))
                .where(SANDBOX_TIKTOK_PUBLISH.ID.eq(id)).execute();
    }

    /** Moves a post out of processing once; false when another call moved it first. */
    boolean complete(long id, String status, @Nullable String failReason, @Nullable String postId) {
        return db.update(SANDBOX_TIKTOK_PUBLISH).set(SANDBOX_TIKTOK_PUBLISH.STATUS, status)
                .set(SANDBOX_TIKTOK_PUBLISH.FAIL_REASON, failReason).set(SANDBOX_TIKTOK_PUBLISH.POST_ID, postId)
                .set(SANDBOX_TIKTOK_PUBLISH.COMPLETED_AT, now())
                .where(SANDBOX_TIKTOK_PUBLISH.ID.eq(id)).and(SANDBOX_TIKTOK_PUBLISH.STATUS.eq("PROCESSING_DOWNLOAD"))
                .execute() == 1;
    }

    private static Publish publish(switchboard.jooq.tables.records.SandboxTiktokPublishRecord r) {
        return new Publish(r.getId(), r.getPublishId(), r.getUserId(), r.getMode(), r.getSource(), r.getVideoUrl(),
                r.getVideoSize(), r.getUploadedBytes(), r.getTitle(), r.getPostInfo().data(), r.getStatus(),
                r.getFailReason(), r.getPostId(), r.getCreatedAt(), r.getCompletedAt());
    }
}

package io.switchboard.sandbox;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.switchboard.infrastructure.RecentReads;
import org.jooq.DSLContext;
import org.jooq.types.DayToSecond;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.SANDBOX_ACCOUNT;
import static switchboard.jooq.Tables.SANDBOX_OAUTH_CODE;
import static switchboard.jooq.Tables.SANDBOX_TOKEN;

/** Sandbox accounts, the tokens and authorization codes issued for them (stored as hashes). */
@Repository
class AccountStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DSLContext db;
    /** The count, read again in the background at most once a second; callers never wait for that read. */
    private final LoadingCache<Boolean, Integer> count;

    AccountStore(DSLContext db) {
        this.db = db;
        this.count = RecentReads.cache().build(any -> count());
    }

    SandboxAccount create(String username, String name, String biography, String website, int followers, int follows) {
        SandboxAccount created = db.insertInto(SANDBOX_ACCOUNT)
                .set(SANDBOX_ACCOUNT.USERNAME, username).set(SANDBOX_ACCOUNT.NAME, name)
                .set(SANDBOX_ACCOUNT.BIOGRAPHY, biography).set(SANDBOX_ACCOUNT.WEBSITE, website)
                .set(SANDBOX_ACCOUNT.FOLLOWERS_COUNT, followers).set(SANDBOX_ACCOUNT.FOLLOWS_COUNT, follows)
                .returning().fetchSingle(AccountStore::account);
        count.invalidateAll();
        return created;
    }

    boolean usernameTaken(String username) {
        return db.fetchExists(SANDBOX_ACCOUNT, SANDBOX_ACCOUNT.USERNAME.eq(username));
    }

    Optional<SandboxAccount> byId(long id) {
        return db.selectFrom(SANDBOX_ACCOUNT).where(SANDBOX_ACCOUNT.ID.eq(id)).fetchOptional(AccountStore::account);
    }

    Optional<SandboxAccount> byUsername(String username) {
        return db.selectFrom(SANDBOX_ACCOUNT).where(SANDBOX_ACCOUNT.USERNAME.eq(username)).fetchOptional(AccountStore::account);
    }

    Map<Long, String> usernames(Collection<Long> ids) {
        return db.select(SANDBOX_ACCOUNT.ID, SANDBOX_ACCOUNT.USERNAME).from(SANDBOX_ACCOUNT)
                .where(SANDBOX_ACCOUNT.ID.in(ids)).fetchMap(SANDBOX_ACCOUNT.ID, SANDBOX_ACCOUNT.USERNAME);
    }

    /** Takes the account's row lock for the rest of the transaction (publishes of one account go one by one). */
    Optional<SandboxAccount> lock(long id) {
        return db.selectFrom(SANDBOX_ACCOUNT).where(SANDBOX_ACCOUNT.ID.eq(id)).forUpdate()
                .fetchOptional(AccountStore::account);
    }

    List<SandboxAccount> latest(int limit) {
        return db.selectFrom(SANDBOX_ACCOUNT).orderBy(SANDBOX_ACCOUNT.ID.desc()).limit(limit)
                .fetch(AccountStore::account);
    }

    int count() {
        return db.fetchCount(SANDBOX_ACCOUNT);
    }

    /** {@link #count()} read at most once a second on this instance (every sandbox call weighs usage by it). */
    int recentCount() {
        return count.get(true);
    }

    void updateProfile(long id, String biography, String website, int followers) {
        db.update(SANDBOX_ACCOUNT).set(SANDBOX_ACCOUNT.BIOGRAPHY, biography).set(SANDBOX_ACCOUNT.WEBSITE, website)
                .set(SANDBOX_ACCOUNT.FOLLOWERS_COUNT, followers).where(SANDBOX_ACCOUNT.ID.eq(id)).execute();
    }

    /** Issues a token; returns it (the only time it exists in clear). */
    String issueToken(long accountId, boolean longLived, String scopes, Duration lifetime) {
        String token = (longLived ? "IGSBL" : "IGSBS") + random(36);
        db.insertInto(SANDBOX_TOKEN)
                .set(SANDBOX_TOKEN.TOKEN_HASH, hash(token)).set(SANDBOX_TOKEN.ACCOUNT_ID, accountId)
                .set(SANDBOX_TOKEN.LONG_LIVED, longLived).set(SANDBOX_TOKEN.SCOPES, scopes)
                .set(SANDBOX_TOKEN.EXPIRES_AT, currentOffsetDateTime().plus(DayToSecond.valueOf(lifetime)))
                .execute();
        return token;
    }

    Optional<SandboxToken> token(String token) {
        return tokenAt(token).map(TokenAt::token);
    }

    /** A token and the database's time it was read at. */
    record TokenAt(SandboxToken token, OffsetDateTime now) {
    }

    /** The token with the database's time, in one statement (every sandbox call reads both). */
    Optional<TokenAt> tokenAt(String token) {
        var now = currentOffsetDateTime().as("now");
        return db.select(SANDBOX_TOKEN.ACCOUNT_ID, SANDBOX_TOKEN.LONG_LIVED, SANDBOX_TOKEN.SCOPES,
                        SANDBOX_TOKEN.ISSUED_AT, SANDBOX_TOKEN.EXPIRES_AT, SANDBOX_TOKEN.REVOKED_AT, now)
                .from(SANDBOX_TOKEN).where(SANDBOX_TOKEN.TOKEN_HASH.eq(hash(token)))
                .fetchOptional(r -> new TokenAt(new SandboxToken(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6()), r.value7()));
    }

    /** Every token of the account stops working (the password changed, access was removed). */
    int revokeTokens(long accountId) {
        return db.update(SANDBOX_TOKEN).set(SANDBOX_TOKEN.REVOKED_AT, currentOffsetDateTime())
                .where(SANDBOX_TOKEN.ACCOUNT_ID.eq(accountId).and(SANDBOX_TOKEN.REVOKED_AT.isNull())).execute();
    }

    /** Ages the account's live tokens as if issued 59 days ago, so they expire in a day and can be refreshed. */
    int ageTokens(long accountId) {
        return db.update(SANDBOX_TOKEN)
                .set(SANDBOX_TOKEN.ISSUED_AT, currentOffsetDateTime().minus(DayToSecond.valueOf(Duration.ofDays(59))))
                .set(SANDBOX_TOKEN.EXPIRES_AT, currentOffsetDateTime().plus(DayToSecond.valueOf(Duration.ofDays(1))))
                .where(SANDBOX_TOKEN.ACCOUNT_ID.eq(accountId).and(SANDBOX_TOKEN.REVOKED_AT.isNull())).execute();
    }

    String issueCode(long accountId, String redirectUri, String scopes) {
        String code = "SBC" + random(24);
        db.insertInto(SANDBOX_OAUTH_CODE)
                .set(SANDBOX_OAUTH_CODE.CODE_HASH, hash(code)).set(SANDBOX_OAUTH_CODE.ACCOUNT_ID, accountId)
                .set(SANDBOX_OAUTH_CODE.REDIRECT_URI, redirectUri).set(SANDBOX_OAUTH_CODE.SCOPES, scopes)
                .set(SANDBOX_OAUTH_CODE.EXPIRES_AT, currentOffsetDateTime().plus(DayToSecond.valueOf(Duration.ofMinutes(10))))
                .execute();
        return code;
    }

    record Redeemed(long accountId, String scopes) {
    }

    /** Uses a code once: unexpired, unused and for the same redirect URI, or nothing. */
    Optional<Redeemed> redeem(String code, String redirectUri) {
        return db.update(SANDBOX_OAUTH_CODE).set(SANDBOX_OAUTH_CODE.USED_AT, currentOffsetDateTime())
                .where(SANDBOX_OAUTH_CODE.CODE_HASH.eq(hash(code))
                        .and(SANDBOX_OAUTH_CODE.USED_AT.isNull())
                        .and(SANDBOX_OAUTH_CODE.EXPIRES_AT.gt(currentOffsetDateTime()))
                        .and(SANDBOX_OAUTH_CODE.REDIRECT_URI.eq(redirectUri)))
                .returning(SANDBOX_OAUTH_CODE.ACCOUNT_ID, SANDBOX_OAUTH_CODE.SCOPES)
                .fetchOptional(r -> new Redeemed(r.getAccountId(), r.getScopes()));
    }

    OffsetDateTime now() {
        return db.select(currentOffsetDateTime()).fetchSingle().value1();
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SandboxAccount account(switchboard.jooq.tables.records.SandboxAccountRecord r) {
        return new SandboxAccount(r.getId(), r.getUsername(), r.getName(), r.getBiography(), r.getWebsite(),
                r.getFollowersCount(), r.getFollowsCount(), r.getCreatedAt());
    }
}

package io.switchboard.accounts;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.platform.Platform;
import io.switchboard.platform.Profile;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.AccountRecord;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.selectOne;
import static switchboard.jooq.Tables.ACCOUNT;
import static switchboard.jooq.Tables.ACCOUNT_STATUS_TALLY;
import static switchboard.jooq.Tables.ACCOUNT_TAG;
import static switchboard.jooq.Tables.ACCOUNT_TAG_TALLY;
import static switchboard.jooq.Tables.ACCOUNT_TASK;

/** The accounts' rows: profile, status, sealed token, settings, tags, and the tasks submitted for them. */
@Repository
class AccountRepository {
    private static final Field<String> TEXT = ACCOUNT.USERNAME.concat(" ").concat(ACCOUNT.NAME).concat(" ")
            .concat(ACCOUNT.NOTES);
    private final DSLContext db;

    AccountRepository(DSLContext db) {
        this.db = db;
    }

    /** Where a page ends: the last row's lower-cased username and id. */
    record Cursor(String username, long id) {
    }

    Optional<Account> find(long id) {
        return withTags(db.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetch()).stream().findFirst();
    }

    /** Those of {@code ids} that exist, in no particular order (two queries however many). */
    List<Account> findAll(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : withTags(db.selectFrom(ACCOUNT).where(ACCOUNT.ID.in(ids)).fetch());
    }

    /** Usernames by account id, for those of {@code ids} that exist (one query however many). */
    Map<Long, String> usernames(Collection<Long> ids) {
        return db.select(ACCOUNT.ID, ACCOUNT.USERNAME).from(ACCOUNT)
                .where(ACCOUNT.ID.eq(DSL.any(ids.toArray(Long[]::new))))
                .fetchMap(ACCOUNT.ID, ACCOUNT.USERNAME);
    }

    /** Platforms by account id, for those of {@code ids} that exist (one query however many). */
    Map<Long, Platform> platforms(Collection<Long> ids) {
        return db.select(ACCOUNT.ID, ACCOUNT.PLATFORM).from(ACCOUNT).where(ACCOUNT.ID.in(ids))
                .fetchMap(r -> r.value1(), r -> Platform.valueOf(r.value2()));
    }

    Optional<Account> byPlatformUser(Platform platform, String platformUserId) {
        return withTags(db.selectFrom(ACCOUNT).where(ACCOUNT.PLATFORM.eq(platform.name())
                .and(ACCOUNT.PLATFORM_USER_ID.eq(platformUserId))).fetch()).stream().findFirst();
    }

    List<Account> page(AccountFilter filter, @Nullable Cursor after, int limit) {
        Condition where = matching(filter);
        if (after != null) {
            where = where.and(row(lower(ACCOUNT.USERNAME), ACCOUNT.ID).gt(after.username(), after.id()));
        }
        return withTags(db.selectFrom(ACCOUNT).where(where).orderBy(lower(ACCOUNT.USERNAME), ACCOUNT.ID)
                .limit(limit).fetch());
    }

    List<Long> ids(AccountFilter filter) {
        return db.select(ACCOUNT.ID).from(ACCOUNT).where(matching(filter))
                .orderBy(lower(ACCOUNT.USERNAME), ACCOUNT.ID).fetch(ACCOUNT.ID);
    }

    List<Long> idsNotDisabled() {
        return db.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.STATUS.ne(AccountStatus.DISABLED.name()))
                .orderBy(ACCOUNT.ID).fetch(ACCOUNT.ID);
    }

    /** Tags in use and how many accounts carry each, from the tally kept with every change of a tag (V201). */
    Map<String, Integer> tagCounts() {
        var accounts = DSL.sum(ACCOUNT_TAG_TALLY.ACCOUNTS).cast(Integer.class);
        return db.select(ACCOUNT_TAG_TALLY.TAG, accounts).from(ACCOUNT_TAG_TALLY).groupBy(ACCOUNT_TAG_TALLY.TAG)
                .having(accounts.gt(0)).orderBy(ACCOUNT_TAG_TALLY.TAG)
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2(), (a, b) -> a,
                        LinkedHashMap::new));
    }

    Map<AccountStatus, Integer> statusCounts() {
        Map<AccountStatus, Integer> counts = new LinkedHashMap<>();
        for (AccountStatus status : AccountStatus.values()) {
            counts.put(status, 0);
        }
        var accounts = DSL.sum(ACCOUNT_STATUS_TALLY.ACCOUNTS).cast(Integer.class);
        db.select(ACCOUNT_STATUS_TALLY.STATUS, accounts).from(ACCOUNT_STATUS_TALLY).groupBy(ACCOUNT_STATUS_TALLY.STATUS)
                .fetch().forEach(r -> counts.put(AccountStatus.valueOf(r.value1()), r.value2()));
        return counts;
    }

    /** Folds the tag tally's added rows into one per tag (the counts read the same before and after). */
    int foldTagTally() {
        return db.execute("WITH busy AS (SELECT tag FROM account_tag_tally GROUP BY tag HAVING count(*) > 1), "
                + "folded AS (DELETE FROM account_tag_tally t USING busy WHERE t.tag = busy.tag RETURNING t.tag, t.accounts) "
                + "INSERT INTO account_tag_tally (tag, accounts) "
                + "SELECT tag, sum(accounts) FROM folded GROUP BY tag HAVING sum(accounts) <> 0");
    }

    /** Folds the status tally's added rows into one per status (the counts read the same before and after). */
    int foldStatusTally() {
        return db.execute("WITH busy AS (SELECT 1 FROM account_status_tally HAVING count(*) > count(DISTINCT status)), "
                + "folded AS (DELETE FROM account_status_tally WHERE EXISTS (SELECT FROM busy) RETURNING status, accounts) "
                + "INSERT INTO account_status_tally (status, accounts) "
                + "SELECT status, sum(accounts) FROM folded GROUP BY status HAVING sum(accounts) <> 0");
    }

    /** The account's sealed access token and, where the platform issued one, its sealed refresh token. */
    record SealedTokens(SecretBox.Sealed access, SecretBox.@Nullable Sealed refresh) {
    }

    Optional<SealedTokens> tokens(long id) {
        return db.select(ACCOUNT.TOKEN_KEY_ID, ACCOUNT.TOKEN_CIPHERTEXT, ACCOUNT.REFRESH_KEY_ID, ACCOUNT.REFRESH_CIPHERTEXT)
                .from(ACCOUNT).where(ACCOUNT.ID.eq(id))
                .fetchOptional(r -> new SealedTokens(new SecretBox.Sealed(r.value1(), r.value2()),
                        r.value3() == null ? null : new SecretBox.Sealed(r.value3(), r.value4())));
    }

    /**
     * Stores the two halves of a secret sealed before V151 ("access|refresh" in one), unless a renewal replaced it
     * meanwhile (the old ciphertext is the condition). Returns whether it did.
     */
    boolean splitLegacyToken(long id, SecretBox.Sealed packed, SecretBox.Sealed access, SecretBox.Sealed refresh) {
        return db.update(ACCOUNT).set(ACCOUNT.TOKEN_CIPHERTEXT, access.bytes()).set(ACCOUNT.TOKEN_KEY_ID, access.keyId())
                .set(ACCOUNT.REFRESH_CIPHERTEXT, refresh.bytes()).set(ACCOUNT.REFRESH_KEY_ID, refresh.keyId())
                .where(ACCOUNT.ID.eq(id).and(ACCOUNT.TOKEN_CIPHERTEXT.eq(packed.bytes()))
                        .and(ACCOUNT.REFRESH_CIPHERTEXT.isNull())).execute() == 1;
    }

    long insert(NewAccount a) {
        Profile p = a.profile();
        long id = db.insertInto(ACCOUNT)
                .set(ACCOUNT.PLATFORM, a.platform().name())
                .set(ACCOUNT.PLATFORM_USER_ID, p.platformUserId())
                .set(ACCOUNT.TOKEN_CIPHERTEXT, a.token().bytes()).set(ACCOUNT.TOKEN_KEY_ID, a.token().keyId())
                .set(ACCOUNT.REFRESH_CIPHERTEXT, a.refresh() == null ? null : a.refresh().bytes())
                .set(ACCOUNT.REFRESH_KEY_ID, a.refresh() == null ? null : a.refresh().keyId())
                .set(ACCOUNT.TOKEN_EXPIRES_AT, a.tokenExpiresAt()).set(ACCOUNT.TOKEN_SCOPES, a.tokenScopes())
                .set(ACCOUNT.CONNECTED_VIA, a.via().name()).set(ACCOUNT.TIME_ZONE, a.timeZone())
                .set(ACCOUNT.NOTES, a.notes()).set(ACCOUNT.DESIRED_BIOGRAPHY, a.desiredBiography())
                .set(ACCOUNT.DESIRED_WEBSITE, a.desiredWebsite())
                .set(ACCOUNT.USERNAME, p.username())
                .returning(ACCOUNT.ID).fetchSingle(ACCOUNT.ID);
        updateProfile(id, p);
        setTags(id, a.tags());
        return id;
    }

    void updateProfile(long id, Profile p) {
        db.update(ACCOUNT).set(ACCOUNT.USERNAME, p.username()).set(ACCOUNT.NAME, p.name())
                .set(ACCOUNT.PICTURE_URL, p.pictureUrl()).set(ACCOUNT.BIOGRAPHY, p.biography())
                .set(ACCOUNT.WEBSITE, p.website()).set(ACCOUNT.FOLLOWERS_COUNT, p.followers())
                .set(ACCOUNT.FOLLOWS_COUNT, p.follows()).set(ACCOUNT.MEDIA_COUNT, p.mediaCount())
                .set(ACCOUNT.PROFILE_READ_AT, currentOffsetDateTime()).set(ACCOUNT.UPDATED_AT, currentOffsetDateTime())
                .where(ACCOUNT.ID.eq(id)).execute();
    }

    /** @param refresh the new refresh token; null keeps the stored one (a pasted access token brings none) */
    void replaceToken(long id, SecretBox.Sealed token, SecretBox.@Nullable Sealed refresh,
                      @Nullable OffsetDateTime expiresAt, @Nullable String scopes, boolean refreshed) {
        var update = db.update(ACCOUNT).set(ACCOUNT.TOKEN_CIPHERTEXT, token.bytes())
                .set(ACCOUNT.TOKEN_KEY_ID, token.keyId()).set(ACCOUNT.TOKEN_EXPIRES_AT, expiresAt)
                .set(ACCOUNT.UPDATED_AT, currentOffsetDateTime());
        if (refresh != null) {
            update = update.set(ACCOUNT.REFRESH_CIPHERTEXT, refresh.bytes()).set(ACCOUNT.REFRESH_KEY_ID, refresh.keyId());
        }
        if (scopes != null) {
            update = update.set(ACCOUNT.TOKEN_SCOPES, scopes);
        }
        if (refreshed) {
            update = update.set(ACCOUNT.TOKEN_REFRESHED_AT, currentOffsetDateTime());
        }
        update.where(ACCOUNT.ID.eq(id)).execute();
    }

    void setTokenExpiry(long id, OffsetDateTime expiresAt) {
        db.update(ACCOUNT).set(ACCOUNT.TOKEN_EXPIRES_AT, expiresAt).where(ACCOUNT.ID.eq(id)).execute();
    }

    /** The status before, read under the row lock, and the new one set; empty when the account is gone. */
    Optional<AccountStatus> setStatus(long id, AccountStatus status, String reason) {
        Optional<AccountStatus> before = db.select(ACCOUNT.STATUS).from(ACCOUNT).where(ACCOUNT.ID.eq(id)).forUpdate()
                .fetchOptional(r -> AccountStatus.valueOf(r.value1()));
        before.ifPresent(b -> db.update(ACCOUNT).set(ACCOUNT.STATUS, status.name()).set(ACCOUNT.STATUS_REASON, reason)
                .set(ACCOUNT.STATUS_CHANGED_AT, b == status ? ACCOUNT.STATUS_CHANGED_AT : currentOffsetDateTime())
                .set(ACCOUNT.UPDATED_AT, currentOffsetDateTime()).where(ACCOUNT.ID.eq(id)).execute());
        return before;
    }

    void healthRequested(Collection<Long> ids) {
        db.update(ACCOUNT).set(ACCOUNT.HEALTH_REQUESTED_AT, currentOffsetDateTime()).where(ACCOUNT.ID.in(ids)).execute();
    }

    void health(long id, boolean ok, String message) {
        db.update(ACCOUNT).set(ACCOUNT.HEALTH_OK, ok).set(ACCOUNT.HEALTH_MESSAGE, message)
                .set(ACCOUNT.HEALTH_AT, currentOffsetDateTime()).where(ACCOUNT.ID.eq(id)).execute();
    }

    void drift(long id, String drift) {
        db.update(ACCOUNT).set(ACCOUNT.DRIFT, drift).set(ACCOUNT.AUDITED_AT, currentOffsetDateTime())
                .where(ACCOUNT.ID.eq(id)).execute();
    }

    void updateSettings(long id, String timeZone, String notes, @Nullable String desiredBiography,
                        @Nullable String desiredWebsite) {
        db.update(ACCOUNT).set(ACCOUNT.TIME_ZONE, timeZone).set(ACCOUNT.NOTES, notes)
                .set(ACCOUNT.DESIRED_BIOGRAPHY, desiredBiography).set(ACCOUNT.DESIRED_WEBSITE, desiredWebsite)
                .set(ACCOUNT.UPDATED_AT, currentOffsetDateTime()).where(ACCOUNT.ID.eq(id)).execute();
    }

    void setTags(long id, List<String> tags) {
        db.deleteFrom(ACCOUNT_TAG).where(ACCOUNT_TAG.ACCOUNT_ID.eq(id)).execute();
        addTag(List.of(id), tags);
    }

    void addTag(Collection<Long> ids, Collection<String> tags) {
        if (ids.isEmpty() || tags.isEmpty()) {
            return;
        }
        var insert = db.insertInto(ACCOUNT_TAG, ACCOUNT_TAG.ACCOUNT_ID, ACCOUNT_TAG.TAG);
        for (long id : ids) {
            for (String tag : tags) {
                insert = insert.values(id, tag);
            }
        }
        insert.onConflictDoNothing().execute();
    }

    void removeTag(Collection<Long> ids, String tag) {
        db.deleteFrom(ACCOUNT_TAG).where(ACCOUNT_TAG.ACCOUNT_ID.in(ids).and(ACCOUNT_TAG.TAG.eq(tag))).execute();
    }

    void recordTasks(Map<Long, Long> taskIdByAccount, String kind) {
        if (taskIdByAccount.isEmpty()) {
            return;
        }
        var insert = db.insertInto(ACCOUNT_TASK, ACCOUNT_TASK.ACCOUNT_ID, ACCOUNT_TASK.TASK_ID, ACCOUNT_TASK.KIND);
        for (var entry : taskIdByAccount.entrySet()) {
            insert = insert.values(entry.getKey(), entry.getValue(), kind);
        }
        insert.onConflictDoNothing().execute();
    }

    List<AccountTaskRef> recentTasks(long accountId, int limit) {
        return db.selectFrom(ACCOUNT_TASK).where(ACCOUNT_TASK.ACCOUNT_ID.eq(accountId))
                .orderBy(ACCOUNT_TASK.TASK_ID.desc()).limit(limit)
                .fetch(r -> new AccountTaskRef(r.getTaskId(), r.getKind(), r.getSubmittedAt()));
    }

    private static Condition matching(AccountFilter filter) {
        Condition where = DSL.noCondition();
        if (filter.platform() != null) {
            where = where.and(ACCOUNT.PLATFORM.eq(filter.platform().name()));
        }
        if (filter.status() != null) {
            where = where.and(ACCOUNT.STATUS.eq(filter.status().name()));
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where = where.and(DSL.exists(selectOne().from(ACCOUNT_TAG)
                    .where(ACCOUNT_TAG.ACCOUNT_ID.eq(ACCOUNT.ID).and(ACCOUNT_TAG.TAG.eq(filter.tag())))));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where = where.and(TEXT.containsIgnoreCase(filter.text().strip()));
        }
        return where;
    }

    private List<Account> withTags(List<AccountRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        db.select(ACCOUNT_TAG.ACCOUNT_ID, ACCOUNT_TAG.TAG).from(ACCOUNT_TAG)
                .where(ACCOUNT_TAG.ACCOUNT_ID.in(records.stream().map(AccountRecord::getId).toList()))
                .orderBy(ACCOUNT_TAG.TAG)
                .forEach(r -> tags.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return records.stream().map(r -> account(r, tags.getOrDefault(r.getId(), List.of()))).toList();
    }

    private static Account account(AccountRecord r, List<String> tags) {
        OffsetDateTime requested = r.getHealthRequestedAt();
        boolean pending = requested != null && (r.getHealthAt() == null || r.getHealthAt().isBefore(requested));
        return new Account(r.getId(), Platform.valueOf(r.getPlatform()), r.getPlatformUserId(), r.getUsername(), r.getName(), r.getPictureUrl(),
                r.getBiography(), r.getWebsite(), r.getFollowersCount(), r.getFollowsCount(), r.getMediaCount(),
                AccountStatus.valueOf(r.getStatus()), r.getStatusReason(), r.getStatusChangedAt(),
                ConnectedVia.valueOf(r.getConnectedVia()), ZoneId.of(r.getTimeZone()), List.copyOf(tags), r.getNotes(),
                r.getDesiredBiography(), r.getDesiredWebsite(), r.getTokenExpiresAt(), r.getTokenRefreshedAt(),
                r.getHealthOk(), r.getHealthMessage(), r.getHealthAt(), pending, r.getDrift(), r.getAuditedAt(),
                r.getProfileReadAt(), r.getCreatedAt());
    }

    long countTokensSealedWithOtherKeys(String keyId) {
        return db.fetchCount(ACCOUNT, sealedWithOtherKeys(keyId));
    }

    /** Accounts with a token sealed with another key than {@code keyId}, their rows locked until the transaction ends. */
    Map<Long, SealedTokens> lockTokensSealedWithOtherKeys(String keyId, int limit) {
        Map<Long, SealedTokens> tokens = new LinkedHashMap<>();
        db.select(ACCOUNT.ID, ACCOUNT.TOKEN_KEY_ID, ACCOUNT.TOKEN_CIPHERTEXT, ACCOUNT.REFRESH_KEY_ID,
                        ACCOUNT.REFRESH_CIPHERTEXT).from(ACCOUNT)
                .where(sealedWithOtherKeys(keyId)).orderBy(ACCOUNT.ID).limit(limit).forUpdate()
                .forEach(r -> tokens.put(r.value1(), new SealedTokens(new SecretBox.Sealed(r.value2(), r.value3()),
                        r.value4() == null ? null : new SecretBox.Sealed(r.value4(), r.value5()))));
        return tokens;
    }

    private static Condition sealedWithOtherKeys(String keyId) {
        return ACCOUNT.TOKEN_KEY_ID.ne(keyId).or(ACCOUNT.REFRESH_KEY_ID.ne(keyId));
    }

    /** Only the sealing changes: same tokens, same expiry. */
    void resealTokens(long id, SealedTokens tokens) {
        var update = db.update(ACCOUNT).set(ACCOUNT.TOKEN_CIPHERTEXT, tokens.access().bytes())
                .set(ACCOUNT.TOKEN_KEY_ID, tokens.access().keyId());
        if (tokens.refresh() != null) {
            update = update.set(ACCOUNT.REFRESH_CIPHERTEXT, tokens.refresh().bytes())
                    .set(ACCOUNT.REFRESH_KEY_ID, tokens.refresh().keyId());
        }
        update.where(ACCOUNT.ID.eq(id)).execute();
    }
}

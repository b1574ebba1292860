package io.switchboard.insights;

import io.switchboard.platform.Platform;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static switchboard.jooq.Tables.INSIGHT_ACCOUNT;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_DAY;

/** The accounts whose daily insights are collected, and their days. */
@Repository
class AccountDays {
    private final DSLContext db;

    AccountDays(DSLContext db) {
        this.db = db;
    }

    /**
     * Starts collecting for accounts not known yet, each first due at its own moment within
     * {@link CollectionTimes#FIRST_WITHIN}; returns how many were new.
     */
    int register(Collection<Long> accountIds, Platform platform, OffsetDateTime now) {
        if (accountIds.isEmpty()) {
            return 0;
        }
        var insert = db.insertInto(INSIGHT_ACCOUNT, INSIGHT_ACCOUNT.ACCOUNT_ID, INSIGHT_ACCOUNT.PLATFORM,
                INSIGHT_ACCOUNT.NEXT_AT);
        for (long id : accountIds) {
            insert = insert.values(id, platform.name(), CollectionTimes.first(id, now));
        }
        return insert.onConflict(INSIGHT_ACCOUNT.ACCOUNT_ID).doNothing().execute();
    }

    List<Long> accountsDue(OffsetDateTime now, int limit) {
        return db.select(INSIGHT_ACCOUNT.ACCOUNT_ID).from(INSIGHT_ACCOUNT).where(INSIGHT_ACCOUNT.NEXT_AT.le(now))
                .orderBy(INSIGHT_ACCOUNT.NEXT_AT).limit(limit).fetch(INSIGHT_ACCOUNT.ACCOUNT_ID);
    }

    boolean due(long accountId, OffsetDateTime now) {
        return db.fetchExists(INSIGHT_ACCOUNT, INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)
                .and(INSIGHT_ACCOUNT.NEXT_AT.le(now)));
    }

    void collected(long accountId, AccountMetrics m, OffsetDateTime at, OffsetDateTime nextAt) {
        var day = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        db.insertInto(INSIGHT_ACCOUNT_DAY)
                .set(INSIGHT_ACCOUNT_DAY.ACCOUNT_ID, accountId).set(INSIGHT_ACCOUNT_DAY.DAY, day)
                .set(INSIGHT_ACCOUNT_DAY.FOLLOWERS, m.followers()).set(INSIGHT_ACCOUNT_DAY.REACH, m.reach())
                .set(INSIGHT_ACCOUNT_DAY.VIEWS, m.views()).set(INSIGHT_ACCOUNT_DAY.PROFILE_VIEWS, m.profileViews())
                .set(INSIGHT_ACCOUNT_DAY.ENGAGED, m.engaged()).set(INSIGHT_ACCOUNT_DAY.COLLECTED_AT, at)
                .onConflict(INSIGHT_ACCOUNT_DAY.ACCOUNT_ID, INSIGHT_ACCOUNT_DAY.DAY).doUpdate()
                .set(INSIGHT_ACCOUNT_DAY.FOLLOWERS, m.followers()).set(INSIGHT_ACCOUNT_DAY.REACH, m.reach())
                .set(INSIGHT_ACCOUNT_DAY.VIEWS, m.views()).set(INSIGHT_ACCOUNT_DAY.PROFILE_VIEWS, m.profileViews())
                .set(INSIGHT_ACCOUNT_DAY.ENGAGED, m.engaged()).set(INSIGHT_ACCOUNT_DAY.COLLECTED_AT, at)
                .execute();
        db.update(INSIGHT_ACCOUNT).set(INSIGHT_ACCOUNT.COLLECTED_AT, at).set(INSIGHT_ACCOUNT.NEXT_AT, nextAt)
                .setNull(INSIGHT_ACCOUNT.PROBLEM).where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)).execute();
    }

    /** The account is skipped until {@code until}, for this reason (shown on its page). */
    void skipped(long accountId, OffsetDateTime until, String problem) {
        db.update(INSIGHT_ACCOUNT).set(INSIGHT_ACCOUNT.NEXT_AT, until).set(INSIGHT_ACCOUNT.PROBLEM, problem)
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)).execute();
    }

    /** Why the account's insights are not collected now (null when they are) and when its next collection is due. */
    record Collecting(@org.jspecify.annotations.Nullable String problem, OffsetDateTime nextAt) {
    }

    Optional<Collecting> collecting(long accountId) {
        return db.select(INSIGHT_ACCOUNT.PROBLEM, INSIGHT_ACCOUNT.NEXT_AT).from(INSIGHT_ACCOUNT)
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)).fetchOptional(r -> new Collecting(r.value1(), r.value2()));
    }
}

package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.CAMPAIGN_POST;

/**
 * What a post waits for and until when, as the plan or the publish runner decided it, and the account's other posts
 * that make it wait.
 */
@Repository
class PostWaits {
    private static final List<String> NOT_GONE_OUT = List.of(PostStatus.SCHEDULED.dbValue(),
            PostStatus.WAITING_QUOTA.dbValue(), PostStatus.PROCESSING.dbValue(), PostStatus.PUBLISHING.dbValue(),
            PostStatus.PAUSED.dbValue());
    private static final List<String> ON_THEIR_WAY = List.of(PostStatus.SCHEDULED.dbValue(),
            PostStatus.WAITING_QUOTA.dbValue(), PostStatus.PROCESSING.dbValue(), PostStatus.PUBLISHING.dbValue());
    private final DSLContext db;
    private final CampaignRepository campaigns;

    PostWaits(DSLContext db, CampaignRepository campaigns) {
        this.db = db;
        this.campaigns = campaigns;
    }

    /** The account's latest published post: when, and in which campaign. */
    record LastPost(Instant at, long campaignId, String campaign) {
    }

    void record(long postId, String reason, Instant until) {
        db.update(CAMPAIGN_POST).set(CAMPAIGN_POST.WAIT_REASON, reason)
                .set(CAMPAIGN_POST.WAIT_UNTIL, until.atOffset(ZoneOffset.UTC))
                .set(CAMPAIGN_POST.UPDATED_AT, currentOffsetDateTime())
                .where(CAMPAIGN_POST.ID.eq(postId)).execute();
    }

    /** The recorded waits of these posts that have one. */
    Map<Long, PostWait> of(Collection<Long> postIds) {
        Map<Long, PostWait> waits = new HashMap<>();
        if (!postIds.isEmpty()) {
            db.select(CAMPAIGN_POST.ID, CAMPAIGN_POST.WAIT_REASON, CAMPAIGN_POST.WAIT_UNTIL).from(CAMPAIGN_POST)
                    .where(CAMPAIGN_POST.ID.in(postIds).and(CAMPAIGN_POST.WAIT_REASON.isNotNull()))
                    .forEach(r -> waits.put(r.value1(), new PostWait(r.value2(), r.value3())));
        }
        return waits;
    }

    /** The waits still ahead of these posts that are on their way, by post id. */
    Map<Long, PostWait> aheadOf(Collection<Long> postIds) {
        Map<Long, PostWait> waits = new HashMap<>();
        if (postIds.isEmpty()) {
            return waits;
        }
        db.select(CAMPAIGN_POST.ID, CAMPAIGN_POST.WAIT_REASON, CAMPAIGN_POST.WAIT_UNTIL).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.ID.in(postIds).and(CAMPAIGN_POST.WAIT_REASON.isNotNull())
                        .and(CAMPAIGN_POST.WAIT_UNTIL.gt(currentOffsetDateTime()))
                        .and(CAMPAIGN_POST.STATUS.in(ON_THEIR_WAY)))
                .forEach(r -> waits.put(r.value1(), new PostWait(r.value2(), r.value3())));
        return waits;
    }

    Optional<LastPost> lastPublished(long accountId) {
        return db.select(CAMPAIGN_POST.PUBLISHED_AT, CAMPAIGN.ID, CAMPAIGN.NAME).from(CAMPAIGN_POST)
                .join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_POST.CAMPAIGN_ID))
                .where(CAMPAIGN_POST.ACCOUNT_ID.eq(accountId).and(CAMPAIGN_POST.PUBLISHED_AT.isNotNull()))
                .orderBy(CAMPAIGN_POST.PUBLISHED_AT.desc()).limit(1)
                .fetchOptional(r -> new LastPost(r.value1().toInstant(), r.value2(), r.value3()));
    }

    /**
     * The accounts' posts that a new campaign's posts must make room for: those not gone out yet (at the time
     * they are expected) and those published within the quota window before {@code now}.
     */
    Map<Long, List<BusySlots.Busy>> busy(Collection<Long> accountIds, Instant now) {
        return busy(accountIds, now, CAMPAIGN_POST.ID.isNotNull());
    }

    /** The same, leaving out the posts of one campaign (a campaign being edited is planned again without its own). */
    Map<Long, List<BusySlots.Busy>> busyBesides(Collection<Long> accountIds, Instant now, long campaignId) {
        return busy(accountIds, now, CAMPAIGN_POST.CAMPAIGN_ID.ne(campaignId));
    }

    /** The account's posts that a post moved on it must keep its distance from: all but that post. */
    List<BusySlots.Busy> busyExcept(long accountId, long postId, Instant now) {
        return busy(List.of(accountId), now, CAMPAIGN_POST.ID.ne(postId)).getOrDefault(accountId, List.of());
    }

    /**
     * What {@link #busy} (and {@link #busyBesides}) would read of these accounts, in two numbers the database keeps
     * small: the sum of the accounts' change counters (V178: every statement that adds, deletes or moves one of their
     * posts, or changes its campaign, status or times, adds to it, so the sum grows with any such change and never
     * comes back), and the earliest of their posts published within the quota window before {@code now} (it changes
     * when time moves that post out of the window). Reads a few small rows per account, never the posts.
     */
    String busyDigest(Collection<Long> accountIds, Instant now) {
        if (accountIds.isEmpty()) {
            return "0";
        }
        Long[] ids = accountIds.toArray(Long[]::new);
        OffsetDateTime since = now.minus(Planner.quotaWindow()).atOffset(ZoneOffset.UTC);
        var digest = db.fetchSingle("SELECT (SELECT coalesce(sum(changes), 0) FROM account_post_change "
                + "WHERE account_id = ANY(?)), (SELECT min(first.published_at) FROM unnest(?::bigint[]) AS account(id) "
                + "CROSS JOIN LATERAL (SELECT published_at FROM campaign_post WHERE account_id = account.id "
                + "AND published_at > ?::timestamptz ORDER BY published_at LIMIT 1) first)", ids, ids, since);
        return digest.get(0, Long.class) + ":" + digest.get(1, OffsetDateTime.class);
    }

    /** Folds each account's change rows into one (the sums read the same before and after); how many it wrote. */
    int foldChanges() {
        return db.execute("WITH busy AS (SELECT account_id FROM account_post_change GROUP BY account_id "
                + "HAVING count(*) > 1), "
                + "folded AS (DELETE FROM account_post_change c USING busy WHERE c.account_id = busy.account_id "
                + "RETURNING c.account_id, c.changes) "
                + "INSERT INTO account_post_change (account_id, changes) "
                + "SELECT account_id, sum(changes) FROM folded GROUP BY account_id");
    }

    /** When a post is expected to go out (or went out). */
    private static org.jooq.Field<OffsetDateTime> expected() {
        return coalesce(CAMPAIGN_POST.PUBLISHED_AT, org.jooq.impl.DSL.greatest(CAMPAIGN_POST.SCHEDULED_AT,
                coalesce(CAMPAIGN_POST.WAIT_UNTIL, CAMPAIGN_POST.SCHEDULED_AT)));
    }

    private Map<Long, List<BusySlots.Busy>> busy(Collection<Long> accountIds, Instant now, org.jooq.Condition which) {
        Map<Long, List<BusySlots.Busy>> busy = new HashMap<>();
        if (accountIds.isEmpty()) {
            return busy;
        }
        OffsetDateTime since = now.minus(Planner.quotaWindow()).atOffset(ZoneOffset.UTC);
        var expected = expected();
        var pending = db.select(CAMPAIGN_POST.ACCOUNT_ID, expected, CAMPAIGN_POST.CAMPAIGN_ID).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.ACCOUNT_ID.in(accountIds).and(CAMPAIGN_POST.STATUS.in(NOT_GONE_OUT)).and(which));
        var published = db.select(CAMPAIGN_POST.ACCOUNT_ID, CAMPAIGN_POST.PUBLISHED_AT, CAMPAIGN_POST.CAMPAIGN_ID)
                .from(CAMPAIGN_POST).where(CAMPAIGN_POST.ACCOUNT_ID.in(accountIds)
                        .and(CAMPAIGN_POST.PUBLISHED_AT.gt(since)).and(which));
        List<org.jooq.Record3<Long, OffsetDateTime, Long>> rows = new ArrayList<>(pending.unionAll(published).fetch());
        Map<Long, Campaign> byId = new HashMap<>();
        rows.stream().map(org.jooq.Record3::value3).distinct()
                .forEach(id -> campaigns.find(id).ifPresent(c -> byId.put(id, c)));
        for (var row : rows) {
            Campaign campaign = byId.get(row.value3());
            Duration spacing = campaign == null ? Duration.ZERO : campaign.spec().schedule().minSpacing();
            busy.computeIfAbsent(row.value1(), id -> new ArrayList<>()).add(new BusySlots.Busy(row.value2().toInstant(),
                    spacing, campaign == null ? "campaign " + row.value3() : campaign.name()));
        }
        return busy;
    }
}

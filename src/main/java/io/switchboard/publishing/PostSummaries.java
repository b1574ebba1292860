package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.CAMPAIGN_POST;

/** Posts summed up for the Overview: those of a day by status, and the failed or held ones by reason. */
@Repository
class PostSummaries {
    /** Failed posts older than this leave the Overview (they stay on their campaign's page). */
    static final Duration RECENT_FAILURES = Duration.ofDays(7);
    private final DSLContext db;

    PostSummaries(DSLContext db) {
        this.db = db;
    }

    /** Posts scheduled within [from, until), by status (read from campaign_post_scheduled_status_idx alone). */
    PostCounts scheduledBetween(OffsetDateTime from, OffsetDateTime until) {
        Map<PostStatus, Integer> counts = new EnumMap<>(PostStatus.class);
        db.select(CAMPAIGN_POST.STATUS, count()).from(CAMPAIGN_POST)
                .where(CAMPAIGN_POST.SCHEDULED_AT.ge(from).and(CAMPAIGN_POST.SCHEDULED_AT.lt(until)))
                .groupBy(CAMPAIGN_POST.STATUS)
                .forEach(r -> counts.put(PostStatus.fromDb(r.value1()), r.value2()));
        return PostCounts.of(counts);
    }

    /**
     * Held posts, and posts failed within {@link #RECENT_FAILURES}, of campaigns that were not cancelled, grouped by
     * campaign, status and reason, the latest first (served by campaign_post_trouble_idx).
     */
    List<PublishingOverview.Trouble> trouble(OffsetDateTime failedSince, int limit) {
        var latest = max(CAMPAIGN_POST.UPDATED_AT);
        var groups = db.select(CAMPAIGN_POST.CAMPAIGN_ID, CAMPAIGN.NAME, CAMPAIGN_POST.STATUS,
                        CAMPAIGN_POST.STATUS_REASON, count(), countDistinct(CAMPAIGN_POST.ACCOUNT_ID),
                        min(CAMPAIGN_POST.ACCOUNT_ID), latest)
                .from(CAMPAIGN_POST).join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_POST.CAMPAIGN_ID))
                .where(troubled(failedSince))
                .groupBy(CAMPAIGN_POST.CAMPAIGN_ID, CAMPAIGN.NAME, CAMPAIGN_POST.STATUS, CAMPAIGN_POST.STATUS_REASON)
                .orderBy(latest.desc()).limit(limit);
        return groups.fetch(r -> new PublishingOverview.Trouble(r.value1(), r.value2(), PostStatus.fromDb(r.value3()),
                r.value4() == null ? "" : r.value4(), r.value5(), r.value6(), r.value6() == 1 ? r.value7() : null));
    }

    /** How many posts {@link #trouble} sums up, in all. */
    int troubleCount(OffsetDateTime failedSince) {
        return db.select(count()).from(CAMPAIGN_POST).join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_POST.CAMPAIGN_ID))
                .where(troubled(failedSince)).fetchSingle().value1();
    }

    private static org.jooq.Condition troubled(OffsetDateTime failedSince) {
        return CAMPAIGN_POST.STATUS.eq(PostStatus.PAUSED.dbValue())
                .or(CAMPAIGN_POST.STATUS.eq(PostStatus.FAILED.dbValue()).and(CAMPAIGN_POST.UPDATED_AT.gt(failedSince)))
                .and(CAMPAIGN.STATUS.ne(CampaignStatus.CANCELLED.dbValue()));
    }
}

package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.CAMPAIGN_POST;

/** Posts summed up for the Overview: those of a day by status, and the failed or held ones by reason. */
@Repository
class PostSummaries {
    /** Failed posts older than this leave the Overview (they stay on their campaign's page). */
    static final Duration RECENT_FAILURES = Duration.ofDays(7);
    private final DSLContext db;
    private final PostSlots slots;

    PostSummaries(DSLContext db, PostSlots slots) {
        this.db = db;
        this.slots = slots;
    }

    /** Posts scheduled within [from, until) (both on a quarter hour), by status, from the quarter-hour tally. */
    PostCounts scheduledBetween(OffsetDateTime from, OffsetDateTime until) {
        return PostCounts.of(slots.byStatus(from, until));
    }

    /**
     * Held posts, and posts failed within {@link #RECENT_FAILURES}, of campaigns that were not cancelled, grouped by
     * campaign, status and reason, the latest first, with how many posts all the groups hold. One pass over the
     * troubled posts' own index (V190) in the groups' order, so the aggregate streams: no table rows, no sort, no hash
     * (a hash aggregate over the posts' rows took 0.4 s of the Overview's 0.8 s at the pages benchmark's 40,000
     * troubled posts).
     */
    PublishingOverview.Troubles trouble(OffsetDateTime failedSince, int limit) {
        var latest = max(CAMPAIGN_POST.UPDATED_AT);
        var groups = db.select(CAMPAIGN_POST.CAMPAIGN_ID, CAMPAIGN_POST.STATUS, CAMPAIGN_POST.STATUS_REASON,
                        count().as("posts"), countDistinct(CAMPAIGN_POST.ACCOUNT_ID).as("accounts"),
                        min(CAMPAIGN_POST.ACCOUNT_ID).as("account"), latest.as("latest"),
                        sum(count()).over().cast(Integer.class).as("all_posts"))
                .from(CAMPAIGN_POST)
                .where(troubled(failedSince))
                .groupBy(CAMPAIGN_POST.CAMPAIGN_ID, CAMPAIGN_POST.STATUS, CAMPAIGN_POST.STATUS_REASON)
                .orderBy(latest.desc()).limit(limit)
                .asTable("g");
        var groupCampaign = groups.field(CAMPAIGN_POST.CAMPAIGN_ID.getName(), Long.class);
        var rows = db.select(groupCampaign, CAMPAIGN.NAME, groups.field(CAMPAIGN_POST.STATUS.getName(), String.class),
                        groups.field(CAMPAIGN_POST.STATUS_REASON.getName(), String.class),
                        groups.field("posts", Integer.class), groups.field("accounts", Integer.class),
                        groups.field("account", Long.class), groups.field("all_posts", Integer.class))
                .from(groups).join(CAMPAIGN).on(CAMPAIGN.ID.eq(groupCampaign))
                .orderBy(groups.field("latest").desc())
                .fetch();
        List<PublishingOverview.Trouble> found = rows.map(r -> new PublishingOverview.Trouble(r.value1(), r.value2(),
                PostStatus.fromDb(r.value3()), r.value4() == null ? "" : r.value4(), r.value5(), r.value6(),
                r.value6() == 1 ? r.value7() : null));
        return new PublishingOverview.Troubles(found, rows.isEmpty() ? 0 : rows.getFirst().value8());
    }

    /**
     * Written so that the plan is the index's (V190): its predicate as it stands, the time only a filter, and the
     * cancelled campaigns a hashed list (a join would lose the index's order).
     */
    private static org.jooq.Condition troubled(OffsetDateTime failedSince) {
        return CAMPAIGN_POST.STATUS.in(PostStatus.FAILED.dbValue(), PostStatus.PAUSED.dbValue())
                .and(CAMPAIGN_POST.STATUS.eq(PostStatus.PAUSED.dbValue()).or(CAMPAIGN_POST.UPDATED_AT.gt(failedSince)))
                .and(CAMPAIGN_POST.CAMPAIGN_ID.notIn(select(CAMPAIGN.ID).from(CAMPAIGN)
                        .where(CAMPAIGN.STATUS.eq(CampaignStatus.CANCELLED.dbValue()))));
    }
}

package io.switchboard.insights;

import io.switchboard.publishing.PostType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_DAY;
import static switchboard.jooq.Tables.INSIGHT_DAY;
import static switchboard.jooq.Tables.INSIGHT_POST;

/** The read side: posts' latest metrics added up by campaign, account, day, variant and hour. */
@Repository
class Results {
    private static final Field<LocalDate> DAY = field("(({0} AT TIME ZONE 'UTC')::date)", LocalDate.class,
            INSIGHT_POST.PUBLISHED_AT);
    private final DSLContext db;

    Results(DSLContext db) {
        this.db = db;
    }

    static Condition campaign(long campaignId) {
        return INSIGHT_POST.CAMPAIGN_ID.eq(campaignId);
    }

    static Condition report(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to) {
        Condition range = INSIGHT_POST.PUBLISHED_AT.ge(from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .and(INSIGHT_POST.PUBLISHED_AT.lt(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)));
        return accountIds == null ? range
                : range.and(INSIGHT_POST.ACCOUNT_ID.eq(org.jooq.impl.DSL.any(accountIds.toArray(Long[]::new))));
    }

    /**
     * The set's posts added up by day published (UTC), with the set's totals and latest reading: one pass over the
     * posts (the totals are the days added up, not a second scan, so every day counts, even past the chart's
     * {@value ReportFilter#MAX_DAYS} + 1).
     */
    Summary summary(Condition where) {
        List<Summary.Day> days = db.select(DAY).select(sums()).select(max(INSIGHT_POST.COLLECTED_AT)).from(INSIGHT_POST)
                .where(where).groupBy(DAY).orderBy(DAY)
                .fetch(r -> new Summary.Day(r.get(0, LocalDate.class), totals(r, 1), r.get(9, OffsetDateTime.class)));
        return Summary.of(days);
    }

    /** Every account's posts of these days (UTC) added up, from the daily roll-up the posts' triggers keep. */
    Summary summaryOfEveryAccount(LocalDate from, LocalDate to) {
        return Summary.of(db.selectFrom(INSIGHT_DAY).where(INSIGHT_DAY.DAY.between(from, to)).orderBy(INSIGHT_DAY.DAY)
                .fetch(r -> new Summary.Day(r.getDay(), new Totals(r.getPosts(), r.getViews(), r.getReach(),
                        r.getInteractions(), r.getLikes(), r.getComments(), r.getShares(), r.getSaved()), null))
                .stream().filter(d -> d.totals().posts() > 0).toList());
    }

    /** A set's posts by day, its totals, and when its latest reading was taken (null when none was). */
    record Summary(List<DayPoint> days, Totals totals, @Nullable OffsetDateTime lastCollected) {
        record Day(LocalDate day, Totals totals, @Nullable OffsetDateTime lastCollected) {
        }

        static Summary of(List<Day> days) {
            Totals totals = Totals.NONE;
            OffsetDateTime last = null;
            List<DayPoint> points = new ArrayList<>();
            for (Day d : days) {
                totals = totals.plus(d.totals());
                if (d.lastCollected() != null && (last == null || d.lastCollected().isAfter(last))) {
                    last = d.lastCollected();
                }
                if (points.size() > ReportFilter.MAX_DAYS) {
                    continue; // the chart's days are bounded; the totals count every day
                }
                points.add(new DayPoint(d.day(), d.totals().posts(), d.totals().views(), d.totals().reach(),
                        d.totals().interactions()));
            }
            return new Summary(points, totals, last);
        }
    }

    /**
     * The accounts with the most reach (ids and totals, usernames added by the caller), and how many accounts the set
     * has in all (counted in the same pass).
     */
    Ranking accounts(Condition where, int limit) {
        var rows = db.select(INSIGHT_POST.ACCOUNT_ID).select(sums()).select(count().over()).from(INSIGHT_POST).where(where)
                .groupBy(INSIGHT_POST.ACCOUNT_ID).orderBy(sum(INSIGHT_POST.REACH).desc(), INSIGHT_POST.ACCOUNT_ID)
                .limit(limit).fetch();
        Map<Long, Totals> byAccount = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byAccount.put(r.get(INSIGHT_POST.ACCOUNT_ID), totals(r, 1)));
        return new Ranking(byAccount, rows.isEmpty() ? 0 : rows.getFirst().get(9, Integer.class));
    }

    /** The first accounts by reach, and the number of accounts in the set. */
    record Ranking(Map<Long, Totals> top, int accountCount) {
    }

    /** Posts with metrics, in the order given. */
    List<Row> posts(Condition where, SortField<?> order, int limit) {
        return db.selectFrom(INSIGHT_POST).where(where).orderBy(order, INSIGHT_POST.POST_ID.desc()).limit(limit)
                .fetch(r -> new Row(r.getPostId(), r.getCampaignId(), r.getAccountId(), PostType.valueOf(r.getPostType()),
                        r.getCaption(), r.getPermalink(), r.getPublishedAt(),
                        new Totals(1, r.getViews(), r.getReach(), r.getInteractions(), r.getLikes(), r.getComments(),
                                r.getShares(), r.getSaved()), r.getAvgWatchMs(), r.getCollections(), r.getCollectedAt(),
                        r.getProblem()));
    }

    /** A post as stored (the username is the caller's to add). */
    record Row(long postId, long campaignId, long accountId, PostType type, String caption, @Nullable String permalink,
               OffsetDateTime publishedAt, Totals metrics, @Nullable Long avgWatchMillis, int collections,
               @Nullable OffsetDateTime collectedAt, @Nullable String problem) {
    }

    /** Totals grouped by a column's value (at most {@code limit} groups, the most reached first). */
    List<Comparison.Group> groups(Condition where, Field<?> by, int limit) {
        return db.select(by.as("label")).select(sums()).from(INSIGHT_POST).where(where).groupBy(by)
                .orderBy(sum(INSIGHT_POST.REACH).desc()).limit(limit)
                .fetch(r -> new Comparison.Group(String.valueOf(r.get(0)), totals(r, 1)));
    }

    /** Posts and average reach by weekday (ISO, 1 = Monday) and hour in the zone, over collected posts. */
    List<Slot> slots(long accountId, ZoneId zone) {
        Field<OffsetDateTime> local = INSIGHT_POST.PUBLISHED_AT;
        Field<Integer> dow = field("extract(isodow from {0} AT TIME ZONE {1})::int", Integer.class, local,
                org.jooq.impl.DSL.inline(zone.getId()));
        Field<Integer> hour = field("extract(hour from {0} AT TIME ZONE {1})::int", Integer.class, local,
                org.jooq.impl.DSL.inline(zone.getId()));
        return db.select(dow, hour, count(), org.jooq.impl.DSL.avg(INSIGHT_POST.REACH)).from(INSIGHT_POST)
                .where(INSIGHT_POST.ACCOUNT_ID.eq(accountId).and(INSIGHT_POST.COLLECTIONS.gt(0)))
                .groupBy(dow, hour)
                .fetch(r -> new Slot(DayOfWeek.of(r.value1()), r.value2(), zone, r.value3(),
                        r.value4() == null ? 0 : r.value4().longValue()));
    }

    List<AccountDay> accountDays(long accountId, int limit) {
        List<AccountDay> days = new ArrayList<>(db.selectFrom(INSIGHT_ACCOUNT_DAY)
                .where(INSIGHT_ACCOUNT_DAY.ACCOUNT_ID.eq(accountId)).orderBy(INSIGHT_ACCOUNT_DAY.DAY.desc()).limit(limit)
                .fetch(r -> new AccountDay(r.getDay(), r.getFollowers(), r.getReach(), r.getViews(), r.getProfileViews(),
                        r.getEngaged())));
        java.util.Collections.reverse(days);
        return days;
    }

    private static List<Field<?>> sums() {
        return List.of(count(), sum(INSIGHT_POST.VIEWS), sum(INSIGHT_POST.REACH), sum(INSIGHT_POST.INTERACTIONS),
                sum(INSIGHT_POST.LIKES), sum(INSIGHT_POST.COMMENTS), sum(INSIGHT_POST.SHARES), sum(INSIGHT_POST.SAVED));
    }

    private static Totals totals(Record r, int at) {
        return new Totals(((Number) r.get(at)).longValue(), n(r.get(at + 1)), n(r.get(at + 2)), n(r.get(at + 3)),
                n(r.get(at + 4)), n(r.get(at + 5)), n(r.get(at + 6)), n(r.get(at + 7)));
    }

    private static long n(@Nullable Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

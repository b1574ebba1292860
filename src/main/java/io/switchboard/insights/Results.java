package io.switchboard.insights;

import io.switchboard.publishing.PostType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.CommonTableExpression;
import org.jooq.impl.SQLDataType;
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

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_DAY;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_POST_DAY;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_POST_TOTAL;
import static switchboard.jooq.Tables.INSIGHT_DAY;
import static switchboard.jooq.Tables.INSIGHT_POST;

/** The read side: posts' latest metrics added up by campaign, account, day, variant and hour. */
@Repository
class Results {
    private static final Field<LocalDate> DAY = field("(({0} AT TIME ZONE 'UTC')::date)", LocalDate.class,
            INSIGHT_POST.PUBLISHED_AT);
    private static final java.math.BigDecimal ZERO = java.math.BigDecimal.ZERO;
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
     * A campaign's posts added up by day published, account, caption, post type and hour published (UTC) in one pass
     * over its posts (grouping sets), where five queries read them five times.
     */
    CampaignPass campaignPass(long campaignId) {
        Field<Integer> hour = field("extract(hour from {0} AT TIME ZONE 'UTC')::int", Integer.class,
                INSIGHT_POST.PUBLISHED_AT);
        List<Summary.Day> days = new ArrayList<>();
        Map<Long, Totals> accounts = new java.util.HashMap<>();
        Map<String, Totals> captions = new java.util.HashMap<>();
        Map<String, Totals> types = new java.util.HashMap<>();
        Map<String, Totals> hours = new java.util.HashMap<>();
        db.select(DAY, INSIGHT_POST.ACCOUNT_ID, INSIGHT_POST.CAPTION, INSIGHT_POST.POST_TYPE, hour).select(sums())
                .select(max(INSIGHT_POST.COLLECTED_AT)).from(INSIGHT_POST).where(campaign(campaignId))
                .groupBy(org.jooq.impl.DSL.groupingSets(new Field<?>[]{DAY}, new Field<?>[]{INSIGHT_POST.ACCOUNT_ID},
                        new Field<?>[]{INSIGHT_POST.CAPTION}, new Field<?>[]{INSIGHT_POST.POST_TYPE}, new Field<?>[]{hour}))
                .forEach(r -> {
                    Totals totals = totals(r, 5);
                    if (r.get(0) != null) {
                        days.add(new Summary.Day(r.get(DAY), totals, r.get(13, OffsetDateTime.class)));
                    } else if (r.get(1) != null) {
                        accounts.put(r.get(INSIGHT_POST.ACCOUNT_ID), totals);
                    } else if (r.get(2) != null) {
                        captions.put(r.get(INSIGHT_POST.CAPTION), totals);
                    } else if (r.get(3) != null) {
                        types.put(r.get(INSIGHT_POST.POST_TYPE), totals);
                    } else {
                        hours.put(String.valueOf(r.get(hour)), totals);
                    }
                });
        days.sort(java.util.Comparator.comparing(Summary.Day::day));
        return new CampaignPass(Summary.of(days), accounts, captions, types, hours);
    }

    /** A campaign's posts added up every way its page shows them (groups unordered; the caller ranks them). */
    record CampaignPass(Summary summary, Map<Long, Totals> accounts, Map<String, Totals> captions,
                        Map<String, Totals> types, Map<String, Totals> hours) {
        /** The accounts with the most reach (ties by id), at most {@code limit}, and how many there are. */
        Ranking ranking(int limit) {
            Map<Long, Totals> top = new java.util.LinkedHashMap<>();
            accounts.entrySet().stream().sorted(java.util.Map.Entry.<Long, Totals>comparingByValue(
                            java.util.Comparator.comparingLong(Totals::reach).reversed())
                            .thenComparing(java.util.Map.Entry.comparingByKey())).limit(limit)
                    .forEach(e -> top.put(e.getKey(), e.getValue()));
            return new Ranking(top, accounts.size());
        }

        /** The groups with the most reach first, at most {@code limit}. */
        static List<Comparison.Group> ranked(Map<String, Totals> groups, int limit) {
            return groups.entrySet().stream().map(e -> new Comparison.Group(e.getKey(), e.getValue()))
                    .sorted(java.util.Comparator.comparingLong((Comparison.Group g) -> g.totals().reach()).reversed()
                            .thenComparing(Comparison.Group::label)).limit(limit).toList();
        }
    }

    /**
     * A report's posts of these days (UTC) added up by day, from the roll-ups the posts' triggers keep: every account's
     * from the daily one (a row a day), the given accounts' from the per-account one (a row per account and day).
     */
    Summary summaryOfReport(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to) {
        if (accountIds == null) {
            // a day's figures are the sum of its rows (added by statement, folded every minute: V205)
            var d = INSIGHT_DAY;
            return Summary.of(db.select(d.DAY, sum(d.POSTS), sum(d.VIEWS), sum(d.REACH), sum(d.INTERACTIONS),
                            sum(d.LIKES), sum(d.COMMENTS), sum(d.SHARES), sum(d.SAVED))
                    .from(d).where(d.DAY.between(from, to)).groupBy(d.DAY).having(sum(d.POSTS).gt(java.math.BigDecimal.ZERO))
                    .orderBy(d.DAY)
                    .fetch(r -> new Summary.Day(r.value1(), new Totals(n(r.value2()), n(r.value3()), n(r.value4()),
                            n(r.value5()), n(r.value6()), n(r.value7()), n(r.value8()), n(r.value9())), null)));
        }
        var day = INSIGHT_ACCOUNT_POST_DAY.DAY;
        return Summary.of(db.select(day).select(rolledUp()).from(INSIGHT_ACCOUNT_POST_DAY)
                .where(rollUpOf(accountIds, from, to)).groupBy(day).having(sum(INSIGHT_ACCOUNT_POST_DAY.POSTS).gt(ZERO))
                .orderBy(day).fetch(r -> new Summary.Day(r.get(day), totals(r, 1), null)));
    }

    /**
     * A report's accounts with the most reach (ties by id) and how many accounts posted in it, from the per-account
     * roll-ups: the numbers the report's posts add up to, without reading the posts. A report of every account whose
     * days hold most of the posts ranks from the accounts' totals minus the days outside it; any other from the days
     * inside it. Both are exact: they differ only in the rows they read.
     */
    Ranking reportAccounts(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to, int limit) {
        boolean fewerOutside = accountIds == null && mostPostsWithin(from, to);
        return reportAccounts(accountIds, from, to, limit, fewerOutside ? Reading.TOTALS_LESS_OUTSIDE : Reading.DAYS_INSIDE);
    }

    /** Which rows a report's ranking reads (the result is the same). */
    enum Reading {
        /** The rows of the report's days. */
        DAYS_INSIDE,
        /** Every account's total and the rows of the days outside the report (every account only). */
        TOTALS_LESS_OUTSIDE
    }

    Ranking reportAccounts(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to, int limit, Reading reading) {
        var t = INSIGHT_ACCOUNT_POST_DAY;
        // the ranking adds up only each account's reach and counts the accounts that posted; then the top accounts'
        // other totals are added up from the days, by key (the primary key), in the same statement (one snapshot).
        CommonTableExpression<?> ranked;
        if (reading == Reading.TOTALS_LESS_OUTSIDE) {
            if (accountIds != null) {
                throw new IllegalArgumentException("the accounts' totals rank every account only");
            }
            var total = INSIGHT_ACCOUNT_POST_TOTAL;
            var outside = name("outside").fields("account_id", "posts", "reach").as(db.select(t.ACCOUNT_ID,
                            sum(t.POSTS).cast(SQLDataType.BIGINT), sum(t.REACH).cast(SQLDataType.BIGINT)).from(t)
                    .where(t.DAY.lt(from).or(t.DAY.gt(to))).groupBy(t.ACCOUNT_ID));
            Field<Long> outsidePosts = coalesce(outside.field("posts", Long.class), 0L);
            Field<Long> outsideReach = coalesce(outside.field("reach", Long.class), 0L);
            var inside = name("inside").fields("account_id", "rank_reach").as(db.select(total.ACCOUNT_ID,
                            total.REACH.minus(outsideReach)).from(total).leftJoin(outside)
                    .on(outside.field("account_id", Long.class).eq(total.ACCOUNT_ID))
                    .where(total.POSTS.gt(outsidePosts)));
            Field<Long> account = inside.field("account_id", Long.class);
            Field<Long> reach = inside.field("rank_reach", Long.class);
            ranked = name("ranked").as(db.with(outside).with(inside).select(account, reach,
                            field(db.selectCount().from(inside)).as("accounts")).from(inside)
                    .orderBy(reach.desc(), account).limit(limit));
        } else {
            // a row without posts adds nothing (its numbers are all 0), so skipping it changes no sum
            ranked = name("ranked").as(db.select(t.ACCOUNT_ID, sum(t.REACH).as("rank_reach"),
                            count().over().as("accounts")).from(t).where(rollUpOf(accountIds, from, to)).and(t.POSTS.gt(0L))
                    .groupBy(t.ACCOUNT_ID).orderBy(sum(t.REACH).desc(), t.ACCOUNT_ID).limit(limit));
        }
        Field<Long> account = ranked.field("account_id", Long.class);
        Field<?> reach = ranked.field("rank_reach");
        Field<Integer> accounts = ranked.field("accounts", Integer.class);
        var rows = db.with(ranked).select(account).select(rolledUp()).select(accounts)
                .from(ranked).join(t).on(t.ACCOUNT_ID.eq(account)).and(t.DAY.between(from, to))
                .groupBy(account, reach, accounts).orderBy(reach.desc(), account).fetch();
        Map<Long, Totals> byAccount = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byAccount.put(r.get(account), totals(r, 1)));
        return new Ranking(byAccount, rows.isEmpty() ? 0 : rows.getFirst().get(accounts));
    }

    /** Whether the days from {@code from} to {@code to} hold more posts than all the other days together. */
    private boolean mostPostsWithin(LocalDate from, LocalDate to) {
        var d = INSIGHT_DAY;
        var within = d.DAY.between(from, to);
        var r = db.select(sum(d.POSTS).filterWhere(within), sum(d.POSTS).filterWhere(org.jooq.impl.DSL.not(within)))
                .from(d).fetchSingle();
        return n(r.value1()) > n(r.value2());
    }

    private static Condition rollUpOf(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to) {
        Condition range = INSIGHT_ACCOUNT_POST_DAY.DAY.between(from, to);
        return accountIds == null ? range
                : range.and(INSIGHT_ACCOUNT_POST_DAY.ACCOUNT_ID.eq(org.jooq.impl.DSL.any(accountIds.toArray(Long[]::new))));
    }

    private static List<Field<?>> rolledUp() {
        var t = INSIGHT_ACCOUNT_POST_DAY;
        return List.of(sum(t.POSTS), sum(t.VIEWS), sum(t.REACH), sum(t.INTERACTIONS), sum(t.LIKES), sum(t.COMMENTS),
                sum(t.SHARES), sum(t.SAVED));
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

package io.switchboard.insights;

import io.switchboard.publishing.PostType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_DAY;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_POST_DAY;
import static switchboard.jooq.Tables.INSIGHT_DAY;
import static switchboard.jooq.Tables.INSIGHT_POST;

/** The read side: posts' latest metrics added up by campaign, account, day, variant and hour. */
@Repository
class Results {
    private static final java.math.BigDecimal ZERO = java.math.BigDecimal.ZERO;
    private final DSLContext db;

    Results(DSLContext db) {
        this.db = db;
    }

    static Condition report(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to) {
        Condition range = INSIGHT_POST.PUBLISHED_AT.ge(from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .and(INSIGHT_POST.PUBLISHED_AT.lt(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)));
        return accountIds == null ? range
                : range.and(INSIGHT_POST.ACCOUNT_ID.eq(org.jooq.impl.DSL.any(accountIds.toArray(Long[]::new))));
    }

    /**
     * A campaign's posts added up by day published, account, caption, post type and hour published (UTC) in one pass
     * over its posts (grouping sets), where five queries read them five times. Plain SQL, written once, read with JDBC
     * into longs: on a young JVM the per-request cost of a page is the code it runs, and jOOQ's building, binding and
     * mapping of this statement (about 140 rows of 14 columns, the sums as numeric) was most of the page's own work.
     * {@code grouping(...)} says which set a row belongs to (bit 4 = day ... bit 0 = hour, set when not grouped by it).
     */
    private static final String CAMPAIGN_PASS = """
            SELECT grouping(d, account_id, caption, post_type, h), d, account_id, caption, post_type, h, count(*),
                   sum(views)::bigint, sum(reach)::bigint, sum(interactions)::bigint, sum(likes)::bigint,
                   sum(comments)::bigint, sum(shares)::bigint, sum(saved)::bigint, max(collected_at)
            FROM (SELECT (published_at AT TIME ZONE 'UTC')::date d, extract(hour from published_at AT TIME ZONE 'UTC')::int h,
                         account_id, caption, post_type, views, reach, interactions, likes, comments, shares, saved, collected_at
                  FROM insight_post WHERE campaign_id = ?) p
            GROUP BY GROUPING SETS ((d), (account_id), (caption), (post_type), (h))""";

    CampaignPass campaignPass(long campaignId) {
        List<Summary.Day> days = new ArrayList<>();
        Map<Long, Totals> accounts = new java.util.HashMap<>();
        Map<String, Totals> captions = new java.util.HashMap<>();
        Map<String, Totals> types = new java.util.HashMap<>();
        Map<String, Totals> hours = new java.util.HashMap<>();
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(CAMPAIGN_PASS)) {
                statement.setLong(1, campaignId);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        Totals totals = new Totals(r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11),
                                r.getLong(12), r.getLong(13), r.getLong(14));
                        switch (r.getInt(1)) {
                            case 0b01111 -> days.add(new Summary.Day(r.getObject(2, LocalDate.class), totals,
                                    r.getObject(15, OffsetDateTime.class)));
                            case 0b10111 -> accounts.put(r.getLong(3), totals);
                            case 0b11011 -> captions.put(r.getString(4), totals);
                            case 0b11101 -> types.put(r.getString(5), totals);
                            case 0b11110 -> hours.put(String.valueOf(r.getInt(6)), totals);
                            default -> throw new IllegalStateException("grouping " + r.getInt(1));
                        }
                    }
                }
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

    /**
     * Every account's reach in the report from its total less its days outside the report: {@code from}, {@code to},
     * {@code limit}. The statements of a report's ranking are plain SQL written once, bound and read with JDBC: built
     * with jOOQ, the CTEs were rendered anew on every request, most of the report's own work on a young JVM.
     */
    private static final String RANKED_FROM_TOTALS = """
            WITH outside AS (SELECT account_id, sum(posts)::bigint posts, sum(reach)::bigint reach
                             FROM insight_account_post_day WHERE day < ? OR day > ? GROUP BY account_id),
                 inside AS (SELECT t.account_id, t.reach - coalesce(o.reach, 0) rank_reach
                            FROM insight_account_post_total t LEFT JOIN outside o ON o.account_id = t.account_id
                            WHERE t.posts > coalesce(o.posts, 0)),
                 ranked AS (SELECT account_id, rank_reach, (SELECT count(*) FROM inside)::int accounts FROM inside
                            ORDER BY rank_reach DESC, account_id LIMIT ?)
            """;
    /**
     * The accounts' reach from their days inside the report: {@code from}, {@code to}, [account ids,] {@code limit}. A
     * row without posts adds nothing (its numbers are all 0), so skipping it changes no sum.
     */
    private static final String RANKED_FROM_DAYS = """
            WITH ranked AS (SELECT account_id, sum(reach) rank_reach, (count(*) OVER ())::int accounts
                            FROM insight_account_post_day WHERE day BETWEEN ? AND ? %s AND posts > 0
                            GROUP BY account_id ORDER BY sum(reach) DESC, account_id LIMIT ?)
            """;
    /** The ranked accounts' totals from their days inside the report ({@code from}, {@code to}), by key. */
    private static final String RANKED_TOTALS = """
            SELECT r.account_id, sum(d.posts)::bigint, sum(d.views)::bigint, sum(d.reach)::bigint,
                   sum(d.interactions)::bigint, sum(d.likes)::bigint, sum(d.comments)::bigint, sum(d.shares)::bigint,
                   sum(d.saved)::bigint, r.accounts
            FROM ranked r JOIN insight_account_post_day d ON d.account_id = r.account_id AND d.day BETWEEN ? AND ?
            GROUP BY r.account_id, r.rank_reach, r.accounts ORDER BY r.rank_reach DESC, r.account_id""";
    private static final String RANKED_FROM_ALL_DAYS = RANKED_FROM_DAYS.formatted("") + RANKED_TOTALS;
    private static final String RANKED_FROM_SOME_DAYS = RANKED_FROM_DAYS.formatted("AND account_id = ANY (?)")
            + RANKED_TOTALS;
    private static final String RANKED_FROM_ALL_TOTALS = RANKED_FROM_TOTALS + RANKED_TOTALS;

    Ranking reportAccounts(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to, int limit, Reading reading) {
        // the ranking adds up only each account's reach and counts the accounts that posted; then the top accounts'
        // other totals are added up from the days, by key (the primary key), in the same statement (one snapshot).
        if (reading == Reading.TOTALS_LESS_OUTSIDE && accountIds != null) {
            throw new IllegalArgumentException("the accounts' totals rank every account only");
        }
        String sql = reading == Reading.TOTALS_LESS_OUTSIDE ? RANKED_FROM_ALL_TOTALS
                : accountIds == null ? RANKED_FROM_ALL_DAYS : RANKED_FROM_SOME_DAYS;
        Map<Long, Totals> byAccount = new java.util.LinkedHashMap<>();
        int[] count = {0};
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                int at = 1;
                statement.setObject(at++, from);
                statement.setObject(at++, to);
                if (accountIds != null) {
                    statement.setArray(at++, c.createArrayOf("bigint", accountIds.toArray()));
                }
                statement.setInt(at++, limit);
                statement.setObject(at++, from);
                statement.setObject(at, to);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        byAccount.put(r.getLong(1), new Totals(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                                r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9)));
                        count[0] = r.getInt(10);
                    }
                }
            }
        });
        return new Ranking(byAccount, count[0]);
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

    private static final String POST_COLUMNS = "post_id, campaign_id, account_id, post_type, caption, permalink, "
            + "published_at, views, reach, interactions, likes, comments, shares, saved, avg_watch_ms, collections, "
            + "collected_at, problem";
    /** A campaign's read posts with the most reach and with the least (ties: newest id first), in one statement. */
    private static final String BEST_AND_WORST = "(SELECT 1, " + POST_COLUMNS + " FROM insight_post "
            + "WHERE campaign_id = ? AND collections > 0 ORDER BY reach DESC, post_id DESC LIMIT ?) UNION ALL "
            + "(SELECT 2, " + POST_COLUMNS + " FROM insight_post "
            + "WHERE campaign_id = ? AND collections > 0 ORDER BY reach, post_id DESC LIMIT ?)";

    /** A campaign's read posts: the {@code limit} with the most reach, then the {@code limit} with the least. */
    BestAndWorst bestAndWorst(long campaignId, int limit) {
        List<Row> best = new ArrayList<>();
        List<Row> worst = new ArrayList<>();
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(BEST_AND_WORST)) {
                statement.setLong(1, campaignId);
                statement.setInt(2, limit);
                statement.setLong(3, campaignId);
                statement.setInt(4, limit);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        (r.getInt(1) == 1 ? best : worst).add(row(r, 2));
                    }
                }
            }
        });
        return new BestAndWorst(best, worst);
    }

    private static final String RECENT = "SELECT " + POST_COLUMNS + " FROM insight_post WHERE account_id = ? "
            + "ORDER BY published_at DESC, post_id DESC LIMIT ?";

    /** The account's latest {@code limit} posts, newest first (ties: newest id first). */
    List<Row> recent(long accountId, int limit) {
        List<Row> rows = new ArrayList<>();
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(RECENT)) {
                statement.setLong(1, accountId);
                statement.setInt(2, limit);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        rows.add(row(r, 1));
                    }
                }
            }
        });
        return rows;
    }

    private static final String TOP = "SELECT " + POST_COLUMNS + " FROM insight_post WHERE published_at >= ? "
            + "AND published_at < ? %s AND collections > 0 ORDER BY reach DESC, post_id DESC LIMIT ?";
    private static final String TOP_OF_ALL = TOP.formatted("");
    private static final String TOP_OF_SOME = TOP.formatted("AND account_id = ANY (?)");

    /** A report's read posts with the most reach (ties: newest id first), published in its days (UTC). */
    List<Row> top(@Nullable Collection<Long> accountIds, LocalDate from, LocalDate to, int limit) {
        List<Row> rows = new ArrayList<>();
        db.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(accountIds == null ? TOP_OF_ALL : TOP_OF_SOME)) {
                int at = 1;
                statement.setObject(at++, from.atStartOfDay().atOffset(ZoneOffset.UTC));
                statement.setObject(at++, to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                if (accountIds != null) {
                    statement.setArray(at++, c.createArrayOf("bigint", accountIds.toArray()));
                }
                statement.setInt(at, limit);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        rows.add(row(r, 1));
                    }
                }
            }
        });
        return rows;
    }

    record BestAndWorst(List<Row> best, List<Row> worst) {
    }

    /** The post whose {@link #POST_COLUMNS} start at column {@code at}. */
    private static Row row(ResultSet r, int at) throws SQLException {
        long avgWatch = r.getLong(at + 14);
        Long avgWatchMillis = r.wasNull() ? null : avgWatch;
        return new Row(r.getLong(at), r.getLong(at + 1), r.getLong(at + 2), PostType.valueOf(r.getString(at + 3)),
                r.getString(at + 4), r.getString(at + 5), r.getObject(at + 6, OffsetDateTime.class),
                new Totals(1, r.getLong(at + 7), r.getLong(at + 8), r.getLong(at + 9), r.getLong(at + 10),
                        r.getLong(at + 11), r.getLong(at + 12), r.getLong(at + 13)), avgWatchMillis, r.getInt(at + 15),
                r.getObject(at + 16, OffsetDateTime.class), r.getString(at + 17));
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

    private static Totals totals(Record r, int at) {
        return new Totals(((Number) r.get(at)).longValue(), n(r.get(at + 1)), n(r.get(at + 2)), n(r.get(at + 3)),
                n(r.get(at + 4)), n(r.get(at + 5)), n(r.get(at + 6)), n(r.get(at + 7)));
    }

    private static long n(@Nullable Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

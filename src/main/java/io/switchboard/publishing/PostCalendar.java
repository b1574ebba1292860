package io.switchboard.publishing;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row3;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static switchboard.jooq.Tables.CAMPAIGN;
import static switchboard.jooq.Tables.CAMPAIGN_POST;

/**
 * The calendar across every campaign and account: the posts of a time range in a viewer's time zone, filtered, at
 * most {@code perDay} a day (the earliest) with each day's full count, so a busy month stays one bounded query.
 */
@Service
public class PostCalendar {
    private final DSLContext db;
    private final PostSlots slots;

    PostCalendar(DSLContext db, PostSlots slots) {
        this.db = db;
        this.slots = slots;
    }

    /**
     * What to show.
     *
     * @param accountIds only these accounts (null: all; empty: none, e.g. a tag nobody has)
     */
    public record Query(Instant from, Instant until, ZoneId zone, @Nullable Collection<Long> accountIds,
                        @Nullable Long campaignId, @Nullable PostType type, Set<PostStatus> statuses, int perDay) {
    }

    /** One day of the range: its first posts and how many it has in all. */
    public record Day(LocalDate date, List<CalendarPost> posts, int total) {
        public int more() {
            return total - posts.size();
        }
    }

    /**
     * When only states filter (and the zone's midnights fall on quarter hours), each day's count from the quarter-hour
     * tally, then each day's first {@code perDay} posts from one short index range per day (a lateral join). When an
     * account, tag, campaign or type filters, the posts matching it are read once (an index range per account, or the
     * campaign's posts), numbered and counted per day by window functions in the same statement, and only each day's
     * first {@code perDay} rows are joined to their columns: the rows read are the matching posts, not every post of
     * each day.
     */
    @Transactional(readOnly = true)
    public Map<LocalDate, Day> days(Query query) {
        if (query.accountIds() != null && query.accountIds().isEmpty()) {
            return new TreeMap<>();
        }
        LocalDate first = LocalDate.ofInstant(query.from(), query.zone());
        LocalDate end = LocalDate.ofInstant(query.until(), query.zone());
        if (query.accountIds() == null && query.campaignId() == null && query.type() == null
                && PostSlots.whole(first, end, query.zone())) {
            return firstOfEachDay(query, slots.perDay(query.from(), query.until(), query.zone(), query.statuses()));
        }
        return filtered(query, first, end);
    }

    private Map<LocalDate, Day> firstOfEachDay(Query query, Map<LocalDate, Integer> totals) {
        Map<LocalDate, Day> days = new TreeMap<>();
        if (totals.isEmpty()) {
            return days;
        }
        // literals, so that PostgreSQL knows the columns' types
        List<Row3<LocalDate, OffsetDateTime, OffsetDateTime>> ranges = new ArrayList<>();
        totals.keySet().stream().sorted().forEach(date -> ranges.add(DSL.row(DSL.inline(date),
                DSL.inline(date.atStartOfDay(query.zone()).toOffsetDateTime()),
                DSL.inline(date.plusDays(1).atStartOfDay(query.zone()).toOffsetDateTime()))));
        @SuppressWarnings("unchecked")
        var range = DSL.values(ranges.toArray(Row3[]::new)).as("range", "day", "starts", "ends");
        Field<LocalDate> rangeDay = DSL.field(DSL.name("range", "day"), LocalDate.class);
        Field<OffsetDateTime> starts = DSL.field(DSL.name("range", "starts"), OffsetDateTime.class);
        Field<OffsetDateTime> ends = DSL.field(DSL.name("range", "ends"), OffsetDateTime.class);
        var first = DSL.lateral(db.select(CAMPAIGN_POST.asterisk(), CAMPAIGN.NAME, CAMPAIGN.POST_TYPE).from(CAMPAIGN_POST)
                .join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_POST.CAMPAIGN_ID))
                .where(conditions(query)).and(CAMPAIGN_POST.SCHEDULED_AT.ge(starts)).and(CAMPAIGN_POST.SCHEDULED_AT.lt(ends))
                .orderBy(CAMPAIGN_POST.SCHEDULED_AT, CAMPAIGN_POST.ID).limit(query.perDay()).asTable("p"));
        var rows = db.select(rangeDay.as("day"), DSL.table(DSL.name("p")).asterisk()).from(range).crossJoin(first)
                .orderBy(DSL.field(DSL.name("day")), DSL.field(DSL.name("p", CAMPAIGN_POST.SCHEDULED_AT.getName())),
                        DSL.field(DSL.name("p", CAMPAIGN_POST.ID.getName())))
                .fetch();
        for (var r : rows) {
            LocalDate date = r.get("day", LocalDate.class);
            days.computeIfAbsent(date, d -> new Day(d, new ArrayList<>(), totals.get(d))).posts().add(shown(r));
        }
        return days;
    }

    private Map<LocalDate, Day> filtered(Query query, LocalDate first, LocalDate end) {
        Field<LocalDate> day = DSL.field("({0} AT TIME ZONE {1})::date", LocalDate.class, CAMPAIGN_POST.SCHEDULED_AT,
                DSL.inline(query.zone().getId()));
        var matching = db.select(CAMPAIGN_POST.ID.as("post_id"), day.as("day"),
                        DSL.rowNumber().over(DSL.partitionBy(day).orderBy(CAMPAIGN_POST.SCHEDULED_AT, CAMPAIGN_POST.ID))
                                .as("place"),
                        DSL.count().over(DSL.partitionBy(day)).as("total"))
                .from(CAMPAIGN_POST);
        long dayCount = java.time.temporal.ChronoUnit.DAYS.between(first, end) + 1;
        // the limit cuts nothing (at most perDay rows a day pass the filter); it tells the planner how few rows are
        // joined back, so it looks them up by id instead of scanning the table
        var ranked = (query.type() == null ? matching
                : matching.join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_POST.CAMPAIGN_ID)))
                .where(conditions(query)).asTable("ranked");
        var numbered = db.select(ranked.field("post_id"), ranked.field("day"), ranked.field("total")).from(ranked)
                .where(ranked.field("place", Integer.class).le(query.perDay()))
                .limit(dayCount * query.perDay())
                .asTable("numbered");
        Field<LocalDate> numberedDay = numbered.field("day", LocalDate.class);
        Field<Integer> total = numbered.field("total", Integer.class);
        var rows = db.select(numberedDay, total, CAMPAIGN_POST.asterisk(), CAMPAIGN.NAME, CAMPAIGN.POST_TYPE)
                .from(numbered)
                .join(CAMPAIGN_POST).on(CAMPAIGN_POST.ID.eq(numbered.field("post_id", Long.class)))
                .join(CAMPAIGN).on(CAMPAIGN.ID.eq(CAMPAIGN_POST.CAMPAIGN_ID))
                .orderBy(numberedDay, CAMPAIGN_POST.SCHEDULED_AT, CAMPAIGN_POST.ID)
                .fetch();
        Map<LocalDate, Day> days = new TreeMap<>();
        for (var r : rows) {
            days.computeIfAbsent(r.get(numberedDay), d -> new Day(d, new ArrayList<>(), r.get(total))).posts().add(shown(r));
        }
        return days;
    }

    private static CalendarPost shown(org.jooq.Record r) {
        CampaignPost post = new CampaignPost(r.get(CAMPAIGN_POST.ID.getName(), Long.class),
                r.get(CAMPAIGN_POST.CAMPAIGN_ID.getName(), Long.class), r.get(CAMPAIGN_POST.NUMBER.getName(), Integer.class),
                r.get(CAMPAIGN_POST.ACCOUNT_ID.getName(), Long.class),
                Arrays.asList(r.get(CAMPAIGN_POST.MEDIA_IDS.getName(), Long[].class)),
                r.get(CAMPAIGN_POST.CAPTION.getName(), String.class),
                r.get(CAMPAIGN_POST.SCHEDULED_AT.getName(), java.time.OffsetDateTime.class),
                PostStatus.fromDb(r.get(CAMPAIGN_POST.STATUS.getName(), String.class)),
                r.get(CAMPAIGN_POST.STATUS_REASON.getName(), String.class),
                r.get(CAMPAIGN_POST.CONTAINER_ID.getName(), String.class),
                r.get(CAMPAIGN_POST.PUBLISH_REQUESTED_AT.getName(), java.time.OffsetDateTime.class), null,
                r.get(CAMPAIGN_POST.PERMALINK.getName(), String.class), null, 0,
                r.get(CAMPAIGN_POST.UPDATED_AT.getName(), java.time.OffsetDateTime.class), List.of());
        boolean troubled = post.status() == PostStatus.FAILED || post.status() == PostStatus.PAUSED;
        return new CalendarPost(post.id(), post.campaignId(), r.get(CAMPAIGN.NAME.getName(), String.class),
                post.number(), post.accountId(), post.scheduledAt(),
                PostType.valueOf(r.get(CAMPAIGN.POST_TYPE.getName(), String.class)), post.status(),
                troubled ? post.statusReason() : null, post.permalink(), post.mediaIds(), post.caption(),
                PostChanges.whyFixed(post));
    }

    private static Condition conditions(Query query) {
        Condition where = CAMPAIGN_POST.SCHEDULED_AT.ge(query.from().atOffset(ZoneOffset.UTC))
                .and(CAMPAIGN_POST.SCHEDULED_AT.lt(query.until().atOffset(ZoneOffset.UTC)));
        if (query.accountIds() != null) {
            where = where.and(CAMPAIGN_POST.ACCOUNT_ID.in(query.accountIds()));
        }
        if (query.campaignId() != null) {
            where = where.and(CAMPAIGN_POST.CAMPAIGN_ID.eq(query.campaignId()));
        }
        if (query.type() != null) {
            where = where.and(CAMPAIGN.POST_TYPE.eq(query.type().name()));
        }
        if (!query.statuses().isEmpty()) {
            where = where.and(CAMPAIGN_POST.STATUS.in(query.statuses().stream().map(PostStatus::dbValue).toList()));
        }
        return where;
    }
}

package io.switchboard.publishing;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.CAMPAIGN_POST_SLOT_TALLY;

/**
 * The posts of each quarter of an hour (UTC) by status, from the tally the database keeps with every change of a post
 * (V177): counts over a day or a month read a few rows per day instead of every post.
 */
@Repository
class PostSlots {
    private static final long SLOT_SECONDS = 15 * 60;
    private final DSLContext db;

    PostSlots(DSLContext db) {
        this.db = db;
    }

    /**
     * Whether the days from {@code first} until {@code end} (exclusive) in {@code zone} are whole slots: every day
     * starts on a quarter hour (true of every zone in use today; not of some historical offsets).
     */
    static boolean whole(LocalDate first, LocalDate end, ZoneId zone) {
        for (LocalDate d = first; !d.isAfter(end); d = d.plusDays(1)) {
            if (d.atStartOfDay(zone).toEpochSecond() % SLOT_SECONDS != 0) {
                return false;
            }
        }
        return true;
    }

    /** Posts scheduled in [from, until) per day of {@code zone}, only of these statuses (empty: every status). */
    Map<LocalDate, Integer> perDay(Instant from, Instant until, ZoneId zone, Set<PostStatus> statuses) {
        Field<LocalDate> day = DSL.field("({0} AT TIME ZONE {1})::date", LocalDate.class, CAMPAIGN_POST_SLOT_TALLY.SLOT,
                DSL.inline(zone.getId()));
        Field<Integer> posts = sum(CAMPAIGN_POST_SLOT_TALLY.POSTS).cast(Integer.class);
        return db.select(day, posts).from(CAMPAIGN_POST_SLOT_TALLY)
                .where(between(from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)))
                .and(statuses.isEmpty() ? DSL.noCondition()
                        : CAMPAIGN_POST_SLOT_TALLY.STATUS.in(statuses.stream().map(PostStatus::dbValue).toList()))
                .groupBy(day).having(posts.gt(0))
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    /** Posts scheduled in [from, until) by status; both ends on a quarter hour. */
    Map<PostStatus, Integer> byStatus(OffsetDateTime from, OffsetDateTime until) {
        Field<Integer> posts = sum(CAMPAIGN_POST_SLOT_TALLY.POSTS).cast(Integer.class);
        Map<PostStatus, Integer> counts = new EnumMap<>(PostStatus.class);
        db.select(CAMPAIGN_POST_SLOT_TALLY.STATUS, posts).from(CAMPAIGN_POST_SLOT_TALLY).where(between(from, until))
                .groupBy(CAMPAIGN_POST_SLOT_TALLY.STATUS).having(posts.ne(0))
                .forEach(r -> counts.put(PostStatus.fromDb(r.value1()), r.value2()));
        return counts;
    }

    /** Folds each slot's added rows into one per status (the counts read the same before and after). */
    int fold() {
        return db.execute("WITH busy AS (SELECT slot FROM campaign_post_slot_tally GROUP BY slot "
                + "HAVING count(*) > count(DISTINCT status)), "
                + "folded AS (DELETE FROM campaign_post_slot_tally t USING busy WHERE t.slot = busy.slot "
                + "RETURNING t.slot, t.status, t.posts) "
                + "INSERT INTO campaign_post_slot_tally (slot, status, posts) "
                + "SELECT slot, status, sum(posts) FROM folded GROUP BY slot, status HAVING sum(posts) <> 0");
    }

    private static Condition between(OffsetDateTime from, OffsetDateTime until) {
        if (from.toEpochSecond() % SLOT_SECONDS != 0 || until.toEpochSecond() % SLOT_SECONDS != 0) {
            throw new IllegalArgumentException("not on a quarter hour: " + from + " to " + until);
        }
        return CAMPAIGN_POST_SLOT_TALLY.SLOT.ge(from).and(CAMPAIGN_POST_SLOT_TALLY.SLOT.lt(until));
    }
}

package testsupport;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.when;
import static switchboard.jooq.Tables.TASK;
import static switchboard.jooq.Tables.TASK_LOG;
import static switchboard.jooq.Tables.TASK_THROUGHPUT;

/**
 * A realistic task table, generated inside PostgreSQL: a week of finished tasks (95 % succeeded, 4 % failed
 * with assorted errors, 1 % cancelled) over several kinds and queues, publishing tasks keyed by account and
 * grouped by campaign, plus waiting tasks and the per-minute statistics the overview reads.
 */
public final class TaskFixtures {
    private static final String[] KINDS = {"publishing.post", "publishing.post", "publishing.post", "media.prepare",
            "accounts.token-health", "proxies.diagnose"};
    private static final String[] QUEUES = {"publishing", "publishing", "publishing", "media", "accounts", "proxies"};
    private static final String[] ERRORS = {"Throttled by the platform (code 4): retry after 12 min",
            "Media could not be fetched (9004/2207052): check the signed URL is public",
            "Token invalid (190/460): the account must be reconnected",
            "Connect timed out after 10 s to graph.instagram.com",
            "Unsupported video format (352/2207026): re-encode to the Reels spec"};

    private TaskFixtures() {
    }

    /** Inserts {@code finished} finished and {@code waiting} queued tasks; returns nothing, reads back by query. */
    public static void fill(DSLContext db, int finished, int waiting) {
        for (int from = 1; from <= finished; from += 250_000) {
            insertFinished(db, from, Math.min(finished, from + 249_999));
        }
        insertWaiting(db, waiting);
        insertStatistics(db);
        insertLogs(db);
        db.execute("VACUUM ANALYZE " + TASK.getName());
        db.execute("VACUUM ANALYZE " + TASK_THROUGHPUT.getName());
        db.execute("VACUUM ANALYZE " + TASK_LOG.getName());
    }

    private static void insertFinished(DSLContext db, int from, int to) {
        Field<Integer> n = field("n", Integer.class);
        Field<String> state = when(n.mod(100).lt(95), inline("succeeded")).when(n.mod(100).lt(99), inline("failed"))
                .otherwise(inline("cancelled"));
        Field<OffsetDateTime> created = field("now() - make_interval(secs => {0} * 0.6)", OffsetDateTime.class, n);
        db.insertInto(TASK, TASK.KIND, TASK.QUEUE, TASK.STATE, TASK.PAYLOAD, TASK.ATTEMPT, TASK.MAX_ATTEMPTS,
                        TASK.CONCURRENCY_KEY, TASK.CONCURRENCY_LIMIT, TASK.GROUP_KEY, TASK.LAST_ERROR, TASK.ERRORS,
                        TASK.CREATED_AT, TASK.RUN_AT, TASK.STARTED_AT, TASK.FINISHED_AT)
                .select(select(pick(KINDS, n), pick(QUEUES, n), state,
                        field("jsonb_build_object('post', {0}, 'account', {0} % 500, 'accessToken', 'secret-' || {0})",
                                JSONB.class, n),
                        when(state.eq("failed"), inline(5)).otherwise(inline(1)), inline(5),
                        when(n.mod(6).lt(3), field("'account:' || ({0} % 500)", String.class, n)),
                        when(n.mod(6).lt(3), inline(1)),
                        when(n.mod(6).lt(3), field("'campaign:' || ({0} / 5000)", String.class, n)),
                        when(state.eq("failed"), pick(ERRORS, n)),
                        when(state.eq("failed"), field("jsonb_build_array(jsonb_build_object('attempt', 1, 'at', now(), "
                                + "'instance', null, 'error', 'Connect timed out after 10 s'))", JSONB.class)),
                        created, created, created, field("{0} + interval '2 seconds'", OffsetDateTime.class, created))
                        .from(DSL.generateSeries(from, to).as("g", "n"))
                        .orderBy(n.desc()))
                .execute();
    }

    private static void insertWaiting(DSLContext db, int count) {
        Field<Integer> n = field("n", Integer.class);
        db.insertInto(TASK, TASK.KIND, TASK.QUEUE, TASK.STATE, TASK.PAYLOAD, TASK.MAX_ATTEMPTS, TASK.CONCURRENCY_KEY,
                        TASK.CONCURRENCY_LIMIT, TASK.GROUP_KEY, TASK.RUN_AT)
                .select(select(inline("publishing.post"), inline("publishing-held"), inline("queued"),
                        field("jsonb_build_object('post', {0})", JSONB.class, n), inline(5),
                        field("'account:' || ({0} % 200)", String.class, n), inline(1),
                        inline("campaign:upcoming"), field("now() - interval '1 minute'", OffsetDateTime.class))
                        .from(DSL.generateSeries(1, count).as("g", "n")))
                .execute();
    }

    private static void insertStatistics(DSLContext db) {
        Field<Integer> n = field("n", Integer.class);
        db.insertInto(TASK_THROUGHPUT, TASK_THROUGHPUT.MINUTE, TASK_THROUGHPUT.INSTANCE, TASK_THROUGHPUT.QUEUE,
                        TASK_THROUGHPUT.KIND, TASK_THROUGHPUT.SUCCEEDED, TASK_THROUGHPUT.FAILED, TASK_THROUGHPUT.CANCELLED)
                .select(select(field("date_trunc('minute', now()) - make_interval(mins => {0} % 10080)",
                                OffsetDateTime.class, n),
                        DSL.val(UUID.nameUUIDFromBytes(new byte[]{1})), pick(QUEUES, field("{0} / 10080", Integer.class, n)),
                        pick(KINDS, field("{0} / 10080", Integer.class, n)),
                        field("60 + ({0} * 7) % 40", Integer.class, n), field("({0} * 3) % 4", Integer.class, n),
                        field("({0} * 5) % 2", Integer.class, n))
                        .from(DSL.generateSeries(0, 10080 * 6 - 1).as("g", "n")))
                .onConflictDoNothing()
                .execute();
    }

    private static void insertLogs(DSLContext db) {
        db.insertInto(TASK_LOG, TASK_LOG.TASK_ID, TASK_LOG.ATTEMPT, TASK_LOG.AT, TASK_LOG.LEVEL, TASK_LOG.MESSAGE)
                .select(select(TASK.ID, TASK.ATTEMPT, TASK.CREATED_AT, inline("INFO"),
                        inline("Container created; waiting for the platform to process the video"))
                        .from(TASK).where(TASK.KIND.eq("publishing.post")).and(TASK.ID.le(200_000L)))
                .execute();
    }

    private static Field<String> pick(String[] values, Field<Integer> n) {
        StringBuilder array = new StringBuilder("(ARRAY[");
        for (int i = 0; i < values.length; i++) {
            array.append(i == 0 ? "" : ",").append("'").append(values[i].replace("'", "''")).append("'");
        }
        array.append("])[1 + ({0} % ").append(values.length).append(")]");
        return field(array.toString(), String.class, n);
    }
}

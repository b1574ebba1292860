package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.tasks.Sql.NOW;
import static io.switchboard.tasks.Sql.column;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.param;
import static switchboard.jooq.Tables.TASK_THROUGHPUT;

/** Finished tasks per minute, kept per instance so instances never write the same row. */
@Repository
class ThroughputStore {
    private final DSLContext db;
    private volatile ReusedStatement upsert;

    ThroughputStore(DSLContext db) {
        this.db = db;
    }

    private record QueueKind(String queue, String kind) {
    }

    void record(UUID instance, List<Finished> finished) {
        Map<QueueKind, int[]> counts = new LinkedHashMap<>();
        for (Finished f : finished) {
            int column = switch (f.state()) {
                case SUCCEEDED -> 0;
                case FAILED -> 1;
                case CANCELLED -> 2;
                default -> -1;
            };
            if (column >= 0) {
                counts.computeIfAbsent(new QueueKind(f.queue(), f.kind()), k -> new int[3])[column]++;
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        List<Map.Entry<QueueKind, int[]>> rows = List.copyOf(counts.entrySet());
        ReusedStatement statement = upsert;
        if (statement == null) {
            statement = ReusedStatement.of(db, upsert(List.of(), param("instance", instance)));
            upsert = statement;
        }
        Map<String, Object> values = Sql.binds("i", columns(rows));
        values.put("instance", instance);
        statement.execute(db, values);
    }

    private static Sql.Column<?>[] columns(List<Map.Entry<QueueKind, int[]>> rows) {
        return new Sql.Column<?>[]{column(TASK_THROUGHPUT.QUEUE, rows, e -> e.getKey().queue(), String[]::new),
                column(TASK_THROUGHPUT.KIND, rows, e -> e.getKey().kind(), String[]::new),
                column(TASK_THROUGHPUT.SUCCEEDED, rows, e -> e.getValue()[0], Integer[]::new),
                column(TASK_THROUGHPUT.FAILED, rows, e -> e.getValue()[1], Integer[]::new),
                column(TASK_THROUGHPUT.CANCELLED, rows, e -> e.getValue()[2], Integer[]::new)};
    }

    private Query upsert(List<Map.Entry<QueueKind, int[]>> rows, Param<UUID> instance) {
        Sql.Rows in = Sql.rows("i", columns(rows));
        Field<OffsetDateTime> minute = field("date_trunc('minute', {0})", OffsetDateTime.class, NOW);
        return db.insertInto(TASK_THROUGHPUT, TASK_THROUGHPUT.MINUTE, TASK_THROUGHPUT.INSTANCE, TASK_THROUGHPUT.QUEUE,
                        TASK_THROUGHPUT.KIND, TASK_THROUGHPUT.SUCCEEDED, TASK_THROUGHPUT.FAILED, TASK_THROUGHPUT.CANCELLED)
                .select(select(minute, instance, in.field(TASK_THROUGHPUT.QUEUE.getName(), String.class),
                        in.field(TASK_THROUGHPUT.KIND.getName(), String.class),
                        in.field(TASK_THROUGHPUT.SUCCEEDED.getName(), Integer.class),
                        in.field(TASK_THROUGHPUT.FAILED.getName(), Integer.class),
                        in.field(TASK_THROUGHPUT.CANCELLED.getName(), Integer.class)).from(in.table()))
                .onConflict(TASK_THROUGHPUT.MINUTE, TASK_THROUGHPUT.INSTANCE, TASK_THROUGHPUT.QUEUE, TASK_THROUGHPUT.KIND)
                .doUpdate()
                .set(TASK_THROUGHPUT.SUCCEEDED, TASK_THROUGHPUT.SUCCEEDED.plus(excluded(TASK_THROUGHPUT.SUCCEEDED)))
                .set(TASK_THROUGHPUT.FAILED, TASK_THROUGHPUT.FAILED.plus(excluded(TASK_THROUGHPUT.FAILED)))
                .set(TASK_THROUGHPUT.CANCELLED, TASK_THROUGHPUT.CANCELLED.plus(excluded(TASK_THROUGHPUT.CANCELLED)));
    }
}

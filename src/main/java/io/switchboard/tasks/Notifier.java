package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.Collection;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

/**
 * PostgreSQL notifications, sent in the caller's transaction and so delivered only if it commits: "this
 * queue has due work" wakes idle instances at once; "tasks changed" refreshes live pages.
 */
@Component
class Notifier {
    /** Payload: the queue that has new due work. */
    static final String WAKE_CHANNEL = "switchboard_tasks";
    /** Some task was claimed, finished or changed by a command. */
    static final String CHANGE_CHANNEL = "switchboard_task_changes";
    private final DSLContext db;
    private final TaskMetrics metrics;

    Notifier(DSLContext db, TaskMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    void wake(Collection<String> queues) {
        for (String queue : queues) {
            send(WAKE_CHANNEL, queue);
        }
    }

    void changed() {
        send(CHANGE_CHANNEL, "");
    }

    private void send(String channel, String payload) {
        long start = System.nanoTime();
        db.select(field("pg_notify({0}, {1})", Object.class, val(channel), val(payload))).fetch();
        metrics.phase("notification", System.nanoTime() - start);
    }
}

package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

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
    private final AtomicBoolean changePending = new AtomicBoolean();
    private volatile Consumer<String> wakeHere = queue -> { };

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

    /** How this instance's own workers are woken: given by the engine when it starts. */
    void wakeHere(Consumer<String> wake) {
        wakeHere = wake;
    }

    /**
     * {@link #wake} and {@link #changed} in one round trip (a submit's transaction waits for each). This instance's
     * own workers are woken as soon as the transaction commits, without waiting for their notification to come back
     * from the database (delivery to the listening connection and its thread: about half the idle start); the
     * others get the notification.
     */
    void wakeAndChanged(Collection<String> queues) {
        long start = System.nanoTime();
        List<Field<?>> calls = new ArrayList<>();
        for (String queue : queues) {
            calls.add(notify(WAKE_CHANNEL, queue));
        }
        calls.add(notify(CHANGE_CHANNEL, ""));
        db.select(calls).fetch();
        wakeHereOnCommit(queues);
        metrics.phase("notification", System.nanoTime() - start);
    }

    private void wakeHereOnCommit(Collection<String> queues) {
        if (queues.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return; // without a transaction of the caller's, the notification alone wakes this instance too
        }
        List<String> woken = List.copyOf(queues);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                woken.forEach(wakeHere);
            }
        });
    }

    private static Field<?> notify(String channel, String payload) {
        return field("pg_notify({0}, {1})", Object.class, val(channel), val(payload));
    }

    /**
     * Some task changed in a transaction that has committed: one "tasks changed" goes out with the next {@link
     * #sendPendingChange()} for all changes since. The claiming and completing threads call this instead of
     * {@link #changed()}: a notification of their own was one more round trip per claim and per outcome batch
     * on the engine's two serial threads, for live pages that coalesce bursts of them anyway.
     */
    void changedLater() {
        changePending.set(true);
    }

    /** Sends the "tasks changed" that {@link #changedLater()} asked for, if any. */
    void sendPendingChange() {
        if (changePending.getAndSet(false)) {
            changed();
        }
    }

    private void send(String channel, String payload) {
        long start = System.nanoTime();
        db.select(notify(channel, payload)).fetch();
        metrics.phase("notification", System.nanoTime() - start);
    }
}

package io.switchboard.tasks;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

import static switchboard.jooq.Tables.TASK;

/**
 * Applies a retry or cancel to every task of a filtered selection, a few hundred at a time with a pause
 * between batches, so a bulk action on thousands of tasks never floods the database or the queues. Its
 * progress shows on its own task page.
 */
@Component
class BulkCommandHandler implements TaskHandler<BulkCommand> {
    static final int BATCH = 500;
    static final Duration PAUSE = Duration.ofMillis(200);
    private final TaskReadStore reads;
    private final Tasks tasks;

    BulkCommandHandler(TaskReadStore reads, Tasks tasks) {
        this.reads = reads;
        this.tasks = tasks;
    }

    @Override
    public TaskKind<BulkCommand> kind() {
        return BulkCommand.KIND;
    }

    @Override
    public Outcome handle(BulkCommand command, TaskContext context) throws InterruptedException {
        long total = reads.countMatching(command.filter(), command.action().states());
        context.info(command.requestedBy() + " asked to " + command.action().name().toLowerCase() + " " + total
                + " task(s)");
        long done = 0;
        Long before = null;
        while (!context.cancelRequested()) {
            List<Long> ids = reads.ids(command.filter(), command.action().states(), before, BATCH).stream()
                    .filter(id -> id != context.taskId()).toList();
            if (ids.isEmpty()) {
                break;
            }
            int applied = switch (command.action()) {
                case RETRY -> tasks.retryMatching(TASK.ID.in(ids));
                case CANCEL -> tasks.cancelAll(TASK.ID.in(ids));
            };
            done += ids.size();
            context.count(command.action() == TaskQueries.BulkAction.RETRY ? "retried" : "cancelled", applied);
            context.progress(Math.min(done, total), total);
            before = ids.getLast();
            Thread.sleep(PAUSE);
        }
        if (context.cancelRequested()) {
            return Outcome.cancelled("stopped after " + done + " of " + total);
        }
        context.info("Done: " + done + " task(s) handled");
        return Outcome.completed();
    }
}

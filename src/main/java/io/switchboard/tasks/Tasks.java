package io.switchboard.tasks;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.infrastructure.InstanceIdentity;
import org.jooq.Condition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static switchboard.jooq.Tables.TASK;

/**
 * The task engine's commands: submitting work, cancelling, retrying, pausing queues and groups. Every
 * command joins the caller's transaction when there is one, so work is submitted together with the data
 * it concerns or not at all; idle instances are woken when that transaction commits. An operator's commands
 * (cancel, retry, pause, resume, bulk) need OPERATOR or ADMIN; submitting is for the modules themselves.
 */
@Service
public class Tasks {
    /** Commands an operator gives (cancel, retry, pause): operators and admins only, whatever page sent them. */
    private static final String OPERATOR_COMMAND = "hasAnyRole('ADMIN', 'OPERATOR')";
    private final SubmitStore submits;
    private final CommandStore commands;
    private final GroupStore groups;
    private final ThroughputStore throughput;
    private final Notifier notifier;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final InstanceIdentity instance;
    private final TaskReadStore reads;
    private final AuditTrail audit;

    Tasks(SubmitStore submits, CommandStore commands, GroupStore groups, ThroughputStore throughput,
          Notifier notifier, ApplicationEventPublisher events, JsonMapper json,
          InstanceIdentity instance, TaskReadStore reads, AuditTrail audit) {
        this.audit = audit;
        this.submits = submits;
        this.commands = commands;
        this.groups = groups;
        this.throughput = throughput;
        this.notifier = notifier;
        this.events = events;
        this.json = json;
        this.instance = instance;
        this.reads = reads;
    }

    @Transactional
    public Submitted submit(TaskRequest<?> request) {
        return submitAll(List.of(request)).getFirst();
    }

    /** Stores all the requests in one statement (thousands at once); results in request order. */
    @Transactional
    public List<Submitted> submitAll(List<? extends TaskRequest<?>> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return store(requests, false);
    }

    /**
     * Stores requests whose unique keys no task holds or ever held, as {@link #submitAll} does but without looking
     * for a live task holding each key: for keys made from rows the caller's transaction has just inserted (a
     * launched campaign's new posts). A key that is held after all (or twice in the list) fails the call, and the
     * caller's transaction with it, with a {@link DuplicateKeyException}; nothing is stored then.
     */
    @Transactional
    public List<Submitted> submitAllWithNewKeys(List<? extends TaskRequest<?>> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return store(requests, true);
    }

    private List<Submitted> store(List<? extends TaskRequest<?>> requests, boolean newKeys) {
        var stored = submits.insert(requests.stream()
                .map(r -> new SubmitStore.NewTask(r, json.writeValueAsString(r.payload()))).toList(), newKeys);
        notifier.wakeAndChanged(stored.dueQueues());
        return stored.submitted();
    }

    /**
     * Cancels a task: at once if it is waiting, by asking it to stop (it sees the request through its context)
     * if it is running.
     */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public CancelResult cancel(long taskId) {
        Condition which = TASK.ID.eq(taskId);
        if (!cancelWaiting(which).isEmpty()) {
            return CancelResult.CANCELLED;
        }
        return commands.requestCancel(which) > 0 ? CancelResult.REQUESTED : CancelResult.NOT_LIVE;
    }

    public enum CancelResult {
        /** It was waiting and is cancelled now. */
        CANCELLED,
        /** It is running; the handler was asked to stop. */
        REQUESTED,
        /** It had already finished (or does not exist). */
        NOT_LIVE
    }

    /**
     * Runs a failed or cancelled task again, with at least one more attempt.
     *
     * @throws TaskProblem when it is not failed or cancelled, or another live task now holds its unique key
     */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void retry(long taskId) {
        if (retry(TASK.ID.eq(taskId)) == 0) {
            throw new TaskProblem("Task " + taskId + " is not failed or cancelled, so there is nothing to retry. "
                    + "Reload the page to see its state.");
        }
    }

    /** Pauses a queue on every instance: its running tasks finish, no new ones start. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void pauseQueue(String queue, String actor) {
        recordPause(queue, commands.pauseQueue(queue, true, actor), true);
        notifier.changed();
    }

    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void resumeQueue(String queue, String actor) {
        recordPause(queue, commands.pauseQueue(queue, false, actor), false);
        notifier.wakeAndChanged(List.of(queue));
    }

    private void recordPause(String queue, boolean wasPaused, boolean paused) {
        if (wasPaused != paused) {
            audit.record(AuditRecord.of(paused ? "queue.paused" : "queue.resumed", "queue", queue).target(queue)
                    .change("paused", wasPaused, paused));
        }
    }

    /**
     * Moves the waiting task with this unique key to run at {@code at}, in the caller's transaction; returns false
     * when no such task waits (it is running or finished): then nothing changed. Until the caller's transaction
     * ends, no instance can claim the task.
     */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public boolean reschedule(String uniqueKey, java.time.Instant at) {
        boolean moved = commands.reschedule(uniqueKey, at.atOffset(java.time.ZoneOffset.UTC));
        if (moved) {
            notifier.changed();
        }
        return moved;
    }

    /** Pauses a whole group (a campaign run): its running tasks finish, no new ones start. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void pauseGroup(String group) {
        commands.pauseGroup(group, true);
        notifier.changed();
    }

    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void resumeGroup(String group) {
        commands.pauseGroup(group, false);
        notifier.wakeAndChanged(commands.queuesWithDueTasks(group));
    }

    /** Cancels every waiting task of the group and asks its running ones to stop; returns how many. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int cancelGroup(String group) {
        return cancelAll(TASK.GROUP_KEY.eq(group));
    }

    /** Runs the group's failed and cancelled tasks again; returns how many. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int retryGroup(String group) {
        return retry(TASK.GROUP_KEY.eq(group));
    }

    /**
     * Retries or cancels every task the filter selects, in throttled batches by a task of its own (so the
     * work shows with progress and survives a restart); returns that task's id.
     */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public long bulk(TaskQueries.BulkAction action, TaskFilter filter, String actor) {
        return submit(TaskRequest.of(BulkCommand.KIND, new BulkCommand(action, filter, actor))
                .withQueue(BulkCommand.QUEUE).withMaxAttempts(3)).id();
    }

    @Transactional
    int cancelAll(Condition which) {
        return cancelWaiting(which).size() + commands.requestCancel(which);
    }

    public Optional<TaskDetail> detail(long taskId) {
        return reads.detail(taskId);
    }

    private List<Finished> cancelWaiting(Condition which) {
        List<Finished> cancelled = commands.cancelWaiting(which);
        if (!cancelled.isEmpty()) {
            throughput.record(instance.id(), cancelled);
            notifier.changed();
            List<String> touched = cancelled.stream().map(Finished::group).filter(Objects::nonNull)
                    .distinct().toList();
            groups.finishIfDone(touched).forEach(events::publishEvent);
        }
        return cancelled;
    }

    @Transactional
    int retryMatching(Condition which) {
        return retry(which);
    }

    private int retry(Condition which) {
        try {
            var retried = commands.retry(which);
            notifier.wakeAndChanged(retried.queues());
            return retried.count();
        } catch (DuplicateKeyException e) {
            throw new TaskProblem("Another live task holds the same unique key, so this one cannot run again "
                    + "now. Cancel or wait for that task first.");
        }
    }
}

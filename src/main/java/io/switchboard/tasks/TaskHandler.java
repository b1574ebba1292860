package io.switchboard.tasks;

/**
 * Runs the tasks of one kind: one Spring bean per kind, in the module that owns the work. Called on a
 * virtual thread, at least once per task (an instance that dies mid-run means another runs it again after
 * the lease expires), never twice at the same time.
 *
 * <p>Return an {@link Outcome}; an exception is a retryable failure with its message as the error.
 */
public interface TaskHandler<P> {

    TaskKind<P> kind();

    Outcome handle(P payload, TaskContext context) throws Exception;
}

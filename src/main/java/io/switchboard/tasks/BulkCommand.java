package io.switchboard.tasks;

/** The payload of a bulk command task: which tasks, what to do, who asked. */
record BulkCommand(TaskQueries.BulkAction action, TaskFilter filter, String requestedBy) {
    static final TaskKind<BulkCommand> KIND = TaskKind.of("tasks.bulk-command", BulkCommand.class);
    static final String QUEUE = "maintenance";
}

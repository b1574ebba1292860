package io.switchboard.tasks;

/** How many tasks of a queue are in a live state. */
public record QueueDepth(String queue, TaskState state, long count) {
}

package io.switchboard.tasks;

/**
 * The answer to a submit.
 *
 * @param id      the task's id
 * @param created false when the request's unique key was already held by a live task: {@code id} is that task
 */
public record Submitted(long id, boolean created) {
}

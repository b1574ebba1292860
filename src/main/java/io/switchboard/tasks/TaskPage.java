package io.switchboard.tasks;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of a task list, newest first.
 *
 * @param nextBefore pass as {@code before} to get the next page; null on the last page
 */
public record TaskPage(List<TaskView> tasks, @Nullable Long nextBefore) {
}

package io.switchboard.tasks;

import java.util.Map;

/** None of the group's tasks is scheduled, queued or running any more; with the count per final state. */
public record GroupFinished(String group, Map<TaskState, Long> counts) {
}

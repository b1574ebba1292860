package io.switchboard.tasks;

import java.util.Map;

/**
 * How many tasks there are per state: live states counted exactly, finished ones over the last 24 hours
 * (from the per-minute statistics, so the count stays cheap with millions of finished rows).
 */
public record TaskCounts(Map<TaskState, Long> counts) {

    public long get(TaskState state) {
        return counts.getOrDefault(state, 0L);
    }

    /** By the state's name, for templates ({@code counts.get('QUEUED')}: they may not reach static classes). */
    public long get(String state) {
        return get(TaskState.valueOf(state));
    }
}

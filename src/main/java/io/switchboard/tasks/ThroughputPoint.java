package io.switchboard.tasks;

import java.time.OffsetDateTime;

/** Tasks finished in one minute, across all instances. */
public record ThroughputPoint(OffsetDateTime minute, long succeeded, long failed, long cancelled) {

    public long total() {
        return succeeded + failed + cancelled;
    }
}

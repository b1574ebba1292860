package io.switchboard.tasks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One instance as the registry sees it.
 *
 * @param heartbeatAge time since its last heartbeat, on the database clock
 * @param uptime       time since it started, on the database clock (until it stopped, for a stopped one)
 */
public record InstanceView(UUID id, String host, String version, OffsetDateTime startedAt,
                           OffsetDateTime heartbeatAt, Duration heartbeatAge, Duration uptime,
                           InstanceStatus status, List<String> queues, int running, boolean self) {

    public String shortId() {
        return id.toString().substring(0, 8);
    }
}

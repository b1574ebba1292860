package io.switchboard.sandbox;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The sandbox's runtime behaviour, one row shared by every instance.
 *
 * @param latency          added to every Graph answer
 * @param processingDelay  how long a container stays IN_PROGRESS at least
 * @param publishQuota     posts per account per rolling 24 hours
 * @param hourlyCallBudget calls per account per hour that count as 100 % usage (the app's is this times the
 *                         number of accounts)
 */
record SandboxSettings(Duration latency, Duration processingDelay, int publishQuota, int hourlyCallBudget,
                       OffsetDateTime updatedAt, String updatedBy) {
}

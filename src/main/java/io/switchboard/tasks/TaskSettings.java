package io.switchboard.tasks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * The task engine on this instance.
 *
 * @param workers            run tasks here; false makes a web-only instance that still submits and shows tasks
 * @param queues             tasks run at once on this instance, per queue
 * @param defaultConcurrency for a queue not listed in {@code queues}
 * @param leaseDuration      how long a claim holds without a heartbeat; a dead instance's tasks run elsewhere
 *                           after this long
 * @param heartbeatInterval  how often leases are extended and progress, counters and logs are written
 * @param pollInterval       how often an idle queue looks for work when no notification arrived
 * @param promoteInterval    how often scheduled tasks whose time has come are made due
 * @param claimBatch         most tasks claimed in one statement
 * @param completionBatch    most outcomes recorded in one transaction
 * @param listen             wake instances with LISTEN/NOTIFY; off behind a transaction-mode pooler
 * @param shutdownGrace      how long a stopping instance lets running tasks finish before handing them back
 * @param retention          how long finished tasks are kept
 * @param backoffBase        delay before the second attempt; doubles with each further attempt (with jitter)
 * @param backoffMax         longest delay between attempts
 */
@ConfigurationProperties("switchboard.tasks")
record TaskSettings(
        @DefaultValue("true") boolean workers,
        @DefaultValue Map<String, Integer> queues,
        @DefaultValue("8") int defaultConcurrency,
        @DefaultValue("30s") Duration leaseDuration,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("250ms") Duration promoteInterval,
        @DefaultValue("200") int claimBatch,
        @DefaultValue("1000") int completionBatch,
        @DefaultValue("true") boolean listen,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("5s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffMax) {

    int concurrency(String queue) {
        return queues.getOrDefault(queue, defaultConcurrency);
    }

    /**
     * How long a run believes it holds its lease after a claim or heartbeat was sent: the lease less a margin
     * (two heartbeats, at least a tenth of the lease, at most half) for the step in flight when it runs out.
     */
    Duration believedLease() {
        Duration margin = heartbeatInterval.multipliedBy(2);
        Duration tenth = leaseDuration.dividedBy(10);
        if (margin.compareTo(tenth) < 0) {
            margin = tenth;
        }
        Duration half = leaseDuration.dividedBy(2);
        if (margin.compareTo(half) > 0) {
            margin = half;
        }
        return leaseDuration.minus(margin);
    }
}

package io.switchboard.tasks;

/** Engine settings that make tests quick: short leases, heartbeats, polls and back-off. */
final class FastEngine {
    static final String[] PROPERTIES = {
            "switchboard.tasks.lease-duration=2s",
            "switchboard.tasks.heartbeat-interval=200ms",
            "switchboard.tasks.poll-interval=300ms",
            "switchboard.tasks.promote-interval=50ms",
            "switchboard.tasks.rescue-interval=300ms",
            "switchboard.tasks.backoff-base=200ms",
            "switchboard.tasks.shutdown-grace=1s",
            "switchboard.tasks.queues.default=16",
            "switchboard.tasks.queues.priorities=1"};

    private FastEngine() {
    }

    static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(PROPERTIES, PROPERTIES.length + more.length);
        System.arraycopy(more, 0, all, PROPERTIES.length, more.length);
        return all;
    }
}

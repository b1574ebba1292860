package io.switchboard.tasks;

import org.springframework.stereotype.Component;

/**
 * When this instance last reached the database, and whether it has just come back from an outage: a gap
 * between two contacts longer than half a lease. Right after an outage every lease has lapsed through no
 * fault of the tasks, so rescuing them must not use up their attempts.
 */
@Component
class DatabaseContact {
    private final long outageNanos;
    private final long graceNanos;
    private long lastNanos;
    private long regainedNanos;
    private boolean regained;

    DatabaseContact(TaskSettings settings) {
        this.outageNanos = settings.leaseDuration().toNanos() / 2;
        this.graceNanos = settings.leaseDuration().toNanos();
    }

    /** A statement just reached the database. */
    synchronized void reached() {
        long now = System.nanoTime();
        if (lastNanos != 0 && now - lastNanos > outageNanos) {
            regained = true;
            regainedNanos = now;
        }
        lastNanos = now;
    }

    /** Whether the database came back after an outage less than a lease ago (counting this moment's contact). */
    synchronized boolean justRegained() {
        reached();
        return regained && System.nanoTime() - regainedNanos < graceNanos;
    }
}

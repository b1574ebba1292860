package io.switchboard.tasks;

import org.springframework.stereotype.Component;

/**
 * Whether this instance has just come back from a database outage: a statement of its own failed because the
 * database could not be reached, and a later one went through. Right after an outage every lease has lapsed
 * through no fault of the tasks, so rescuing them must not use up their attempts: that holds for a lease after
 * the database came back, and in any case until this instance's first rescue since then (on a loaded machine
 * that rescue may come later than a lease after the outage). Only a failure counts as an outage, never a quiet
 * spell: an instance without workers reaches the database only every few seconds, and that is no outage.
 */
@Component
class DatabaseContact {
    private final long graceNanos;
    private boolean down;
    private long regainedNanos;
    private boolean regained;
    private boolean rescuedSince;

    DatabaseContact(TaskSettings settings) {
        this.graceNanos = settings.leaseDuration().toNanos();
    }

    /** A statement just reached the database. */
    synchronized void reached() {
        if (down) {
            down = false;
            regained = true;
            regainedNanos = System.nanoTime();
            rescuedSince = false;
        }
    }

    /** A statement failed because the database could not be reached ({@link Executor#databaseUnreachable}). */
    synchronized void lost() {
        down = true;
    }

    /** Records a failed statement as an outage when it was one. */
    void failed(Throwable e) {
        if (Executor.databaseUnreachable(e)) {
            lost();
        }
    }

    /**
     * Whether a rescue now forgives lapsed leases: the database came back after an outage less than a lease ago,
     * or no rescue has run here since it came back. Called by the rescue, which has just reached the database.
     */
    synchronized boolean justRegained() {
        reached();
        boolean forgive = regained && (System.nanoTime() - regainedNanos < graceNanos || !rescuedSince);
        rescuedSince = true;
        return forgive;
    }
}

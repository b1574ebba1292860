package io.switchboard.publishing;

import java.util.Locale;

/** Where a post is on its way to the platform. */
public enum PostStatus {
    /** Waiting for its time. */
    SCHEDULED,
    /** The account's publishing quota is used up; it goes out when a slot frees. */
    WAITING_QUOTA,
    /** Its container exists; the platform is processing the media. */
    PROCESSING,
    /** Publishing was requested; if an instance died here, the retry asks the platform first. */
    PUBLISHING,
    PUBLISHED,
    /** Held back for a reason the operator can fix (the account needs reconnecting, its proxy is down…); shown as "held". */
    PAUSED,
    /** Will not be published; the reason says what happened and what to do. */
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == PUBLISHED || this == FAILED || this == CANCELLED;
    }

    /**
     * The status in the operators' words, the same on every page, badge and export ("held", never "paused": a
     * campaign is paused by an operator, a post is held back for a reason).
     */
    public String label() {
        return switch (this) {
            case SCHEDULED -> "scheduled";
            case WAITING_QUOTA -> "waiting for quota";
            case PROCESSING -> "processing";
            case PUBLISHING -> "publishing";
            case PUBLISHED -> "published";
            case PAUSED -> "held";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }

    /** Not asked to publish yet: an operator may still cancel it (what "cancel the rest" cancels too). */
    public boolean cancellable() {
        return this == SCHEDULED || this == WAITING_QUOTA || this == PAUSED || this == PROCESSING;
    }

    /** Not finished and not held: the publisher is working on it or will. */
    public boolean active() {
        return !finished() && this != PAUSED;
    }

    String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PostStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

package io.switchboard.publishing;

import java.util.Locale;

/** Where a campaign is. */
public enum CampaignStatus {
    /** Waits for approval: its posts are planned, nothing is submitted until someone other than its author approves. */
    IN_REVIEW,
    /** A reviewer asked for changes: its author edits its posts and sends it for review again. */
    CHANGES_REQUESTED,
    /** Its posts go out as scheduled. */
    RUNNING,
    /** No post starts until it is resumed; posts already with the platform finish. */
    PAUSED,
    /** Every post is published, failed or cancelled. */
    FINISHED,
    /** Stopped by an operator; what was published stays published. */
    CANCELLED;

    /** In the operators' words, the same on every page. */
    public String label() {
        return switch (this) {
            case IN_REVIEW -> "in review";
            case CHANGES_REQUESTED -> "changes requested";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CampaignStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

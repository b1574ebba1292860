package io.switchboard.publishing;

import java.util.Locale;

/** Where a campaign is. */
public enum CampaignStatus {
    /** Its posts go out as scheduled. */
    RUNNING,
    /** No post starts until it is resumed; posts already with the platform finish. */
    PAUSED,
    /** Every post is published, failed or cancelled. */
    FINISHED,
    /** Stopped by an operator; what was published stays published. */
    CANCELLED;

    String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CampaignStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * A launched campaign.
 *
 * @param firstAt the earliest post's scheduled time
 * @param lastAt  the latest post's scheduled time
 * @param approvalRequired it needed approval before its posts were submitted (and needs it again after an edit)
 */
public record Campaign(long id, String name, CampaignStatus status, PostType postType, CampaignSpec spec,
                       String createdBy, OffsetDateTime createdAt, OffsetDateTime firstAt, OffsetDateTime lastAt,
                       @Nullable OffsetDateTime pausedAt, @Nullable OffsetDateTime finishedAt,
                       boolean approvalRequired) {

    /** The task group of its posts. */
    public String group() {
        return group(id);
    }

    static String group(long campaignId) {
        return "campaign:" + campaignId;
    }
}

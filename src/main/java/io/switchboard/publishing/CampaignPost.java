package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One post of a campaign and how far it got.
 *
 * @param statusReason what happened and what to do, for FAILED and PAUSED (and a note for others)
 * @param containerId  the platform's container for it, once created
 * @param mediaId      the published post's id on the platform
 */
public record CampaignPost(long id, long campaignId, int number, long accountId, List<Long> mediaIds, String caption,
                           OffsetDateTime scheduledAt, PostStatus status, @Nullable String statusReason,
                           @Nullable String containerId, @Nullable OffsetDateTime publishRequestedAt,
                           @Nullable String mediaId, @Nullable String permalink, @Nullable OffsetDateTime publishedAt,
                           int polls, OffsetDateTime updatedAt) {
}

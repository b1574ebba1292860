package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One post of a campaign and how far it got.
 *
 * @param statusReason what happened and what to do, for FAILED and PAUSED (and a note for others)
 * @param containerId  what the platform handed back first for it (Instagram's container id, TikTok's publish
 *                     id), once it did: stored before any other call
 * @param mediaId      the published post's id on the platform
 * @param containerParts what else came with the container id (a carousel's children's ids), empty when nothing
 */
public record CampaignPost(long id, long campaignId, int number, long accountId, List<Long> mediaIds, String caption,
                           OffsetDateTime scheduledAt, PostStatus status, @Nullable String statusReason,
                           @Nullable String containerId, @Nullable OffsetDateTime publishRequestedAt,
                           @Nullable String mediaId, @Nullable String permalink, @Nullable OffsetDateTime publishedAt,
                           int polls, OffsetDateTime updatedAt, List<String> containerParts) {
}

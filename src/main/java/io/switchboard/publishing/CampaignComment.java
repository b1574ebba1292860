package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * A comment on a campaign or one of its posts.
 *
 * @param decision "approved", "changes_requested" or "submitted" when it came with one; null for a plain comment
 */
public record CampaignComment(long id, long campaignId, @Nullable Long postId, String author,
                              @Nullable String decision, String body, OffsetDateTime at) {
}

package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;

/**
 * A post went out on its platform and the platform's id of it is known (a post recorded as published without its id
 * is not announced: nothing can be asked about it).
 *
 * @param mediaId the platform's id of the published post
 */
public record PostPublished(long postId, long campaignId, long accountId, PostType type, String mediaId,
                            @Nullable String permalink, String caption, OffsetDateTime publishedAt) {
}

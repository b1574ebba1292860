package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

/** A post went live on its platform (listened to by webhooks and alerts). */
public record PostPublished(long postId, long campaignId, long accountId, @Nullable String platformPostId,
                            @Nullable String permalink) {
}

package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

/**
 * Where a post stands at TikTok (status/fetch).
 *
 * @param status     PROCESSING_UPLOAD, PROCESSING_DOWNLOAD, SEND_TO_USER_INBOX, PUBLISH_COMPLETE or FAILED
 * @param failReason TikTok's reason when FAILED
 * @param postId     the public post's id once moderated (TikTok gives none before)
 */
public record PublishStatus(String status, @Nullable String failReason, @Nullable String postId, long uploadedBytes) {
}

package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

/** TikTok's answer to a post init: the publish id, and the upload URL for FILE_UPLOAD. */
public record Initialised(String publishId, @Nullable String uploadUrl) {
}

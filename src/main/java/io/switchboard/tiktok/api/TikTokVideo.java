package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One of the creator's videos as video/list lists it. */
public record TikTokVideo(String id, String title, Instant createdAt, @Nullable String shareUrl) {
}

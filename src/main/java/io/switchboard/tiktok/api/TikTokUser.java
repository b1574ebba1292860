package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

/** The user a token opens (user/info). */
public record TikTokUser(String openId, String username, String displayName, @Nullable String avatarUrl,
                         int followers, int following, int videos) {
}

package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.List;

/**
 * The TikTok client (timeouts and hold-offs are {@code switchboard.platform}'s, shared by every platform).
 *
 * @param apiUrl       TikTok's API; unset: https://open.tiktokapis.com live, this app's /sandbox/tiktok in sandbox mode
 * @param authorizeUrl where operators grant access; unset: TikTok's Login Kit page live, the sandbox's otherwise
 * @param clientKey    the TikTok app's client key (Login Kit); needed for "Connect with TikTok" live
 * @param clientSecret its secret
 * @param scopes       permissions asked for when connecting
 * @param pullFromUrl  whether TikTok may fetch our signed media URLs (their domain is verified for the app); when
 *                     not, videos are uploaded in chunks (FILE_UPLOAD)
 * @param chunkSize    bytes per uploaded chunk (TikTok takes 5 MB to 64 MB; a video under 5 MB goes whole)
 */
@ConfigurationProperties("switchboard.tiktok")
public record TikTokSettings(
        @Nullable URI apiUrl,
        @Nullable String authorizeUrl,
        @Nullable String clientKey,
        @Nullable String clientSecret,
        @DefaultValue({"user.info.basic", "user.info.stats", "video.publish", "video.upload", "video.list"})
        List<String> scopes,
        @DefaultValue("true") boolean pullFromUrl,
        @DefaultValue("10000000") long chunkSize) {

    public static final long MIN_CHUNK = 5L * 1024 * 1024;
    public static final long MAX_CHUNK = 64L * 1024 * 1024;

    public TikTokSettings {
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw new IllegalArgumentException("switchboard.tiktok.chunk-size must be 5 MB to 64 MB (5242880 to "
                    + "67108864 bytes), not " + chunkSize);
        }
    }

    /** Whether the TikTok app is configured (live sign-in needs it). */
    public boolean appConfigured() {
        return clientKey != null && !clientKey.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }
}

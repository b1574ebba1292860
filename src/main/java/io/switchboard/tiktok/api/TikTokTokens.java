package io.switchboard.tiktok.api;

import org.jspecify.annotations.Nullable;

/**
 * TikTok's access token lives 24 hours and is renewed with a 365-day refresh token. The account keeps one sealed
 * secret, so a TikTok account's is both, joined by {@code |} (TikTok's tokens are URL-safe and never contain it; the
 * accounts module takes a token as one word without spaces): the access token, and after it the refresh token when
 * the account was connected through Login Kit. A pasted access token alone is kept as is (it
 * works until it expires, then the account needs reconnecting). Only this module reads inside the secret.
 */
public final class TikTokTokens {
    private static final char SEPARATOR = '|';

    private TikTokTokens() {
    }

    public static String pack(String accessToken, @Nullable String refreshToken) {
        return refreshToken == null || refreshToken.isBlank() ? accessToken : accessToken + SEPARATOR + refreshToken;
    }

    public static String access(String secret) {
        int at = secret.indexOf(SEPARATOR);
        return at < 0 ? secret : secret.substring(0, at);
    }

    public static @Nullable String refresh(String secret) {
        int at = secret.indexOf(SEPARATOR);
        return at < 0 ? null : secret.substring(at + 1);
    }
}

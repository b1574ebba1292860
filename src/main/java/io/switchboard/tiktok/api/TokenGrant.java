package io.switchboard.tiktok.api;

import java.time.Duration;
import java.util.List;

/** Login Kit's token answer: the user's open id, scopes, a 24-hour access token and a 365-day refresh token. */
public record TokenGrant(String openId, List<String> scopes, String accessToken, Duration expiresIn,
                         String refreshToken, Duration refreshExpiresIn) {
    @Override
    public String toString() {
        return "TokenGrant[" + openId + ", scopes=" + scopes + ", expiresIn=" + expiresIn + ", tokens=***]";
    }
}

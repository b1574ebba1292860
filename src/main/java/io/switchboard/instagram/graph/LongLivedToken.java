package io.switchboard.instagram.graph;

import java.time.Duration;

/** A long-lived (60-day) token, from an exchange or a refresh. A secret: {@link #toString()} leaves it out. */
public record LongLivedToken(String accessToken, String tokenType, Duration expiresIn) {
    @Override
    public String toString() {
        return "LongLivedToken[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", token=***]";
    }
}

package io.switchboard.identity;

/** A key just created, with its secret: shown once, never stored. */
public record IssuedApiKey(ApiKey key, String secret) {
}

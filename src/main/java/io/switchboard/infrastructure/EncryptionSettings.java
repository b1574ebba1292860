package io.switchboard.infrastructure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that seals secrets at rest (account tokens, proxy passwords).
 *
 * @param key base64 of 32 random bytes ({@code SWITCHBOARD_ENCRYPTION_KEY}); the same on every instance.
 *            Unset with the embedded database: one is generated next to its data folder. Unset with your own
 *            database: the instance refuses to start.
 */
@ConfigurationProperties("switchboard.encryption")
public record EncryptionSettings(@Nullable String key) {
}

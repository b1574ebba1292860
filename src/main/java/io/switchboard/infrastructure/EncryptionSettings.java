package io.switchboard.infrastructure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The keys that seal secrets at rest (account tokens, proxy passwords).
 *
 * @param key          base64 of 32 random bytes ({@code SWITCHBOARD_ENCRYPTION_KEY}); seals every new value; the
 *                     same on every instance. Unset with the embedded database: one is generated next to its data
 *                     folder. Unset with your own database: the instance refuses to start.
 * @param previousKeys keys that sealed values before a rotation ({@code SWITCHBOARD_ENCRYPTION_PREVIOUS_KEYS},
 *                     comma-separated): they still open those values, never seal new ones; with any set, a
 *                     re-seal task moves every stored secret to {@code key}
 */
@ConfigurationProperties("switchboard.encryption")
public record EncryptionSettings(@Nullable String key, @DefaultValue List<String> previousKeys) {
}

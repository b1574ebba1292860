package io.switchboard.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the encryption key comes from: {@code SWITCHBOARD_ENCRYPTION_KEY}; with the embedded database and no
 * key, a key generated once into a file next to the database folder; with an external database and no key,
 * the instance does not start, because secrets sealed with a key only one instance knows would be lost.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionKeyConfiguration {
    static final String KEY_FILE = "encryption.key";
    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyConfiguration.class);
    private static final String HOW_TO = "Make one with `openssl rand -base64 32` (or `head -c 32 /dev/urandom | "
            + "base64`) and set it as SWITCHBOARD_ENCRYPTION_KEY on every instance; keep it safe, secrets stored "
            + "with it cannot be read without it.";

    @Bean
    SecretBox secretBox(EncryptionSettings settings, EmbeddedDatabaseSettings embedded, Environment environment) {
        byte[] newest = StringUtils.hasText(settings.key()) ? decode(settings.key(), "SWITCHBOARD_ENCRYPTION_KEY")
                : embeddedKey(embedded, environment);
        Map<String, byte[]> ring = new LinkedHashMap<>();
        ring.put(keyId(newest), newest);
        for (String previous : settings.previousKeys()) {
            if (StringUtils.hasText(previous)) {
                byte[] key = decode(previous, "A key of SWITCHBOARD_ENCRYPTION_PREVIOUS_KEYS");
                ring.putIfAbsent(keyId(key), key);
            }
        }
        return new SecretBox(ring);
    }

    private static byte[] embeddedKey(EmbeddedDatabaseSettings embedded, Environment environment) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            throw new IllegalStateException("SWITCHBOARD_ENCRYPTION_KEY is not set. Switchboard encrypts account "
                    + "tokens and proxy passwords with it, and with your own database every instance needs the "
                    + "same key. " + HOW_TO);
        }
        Path file = embedded.dataDir().toAbsolutePath().normalize().getParent().resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).strip(), "The key in " + file);
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            PrivateFiles.create(file, Base64.getEncoder().encodeToString(key) + "\n");
            log.warn("SWITCHBOARD_ENCRYPTION_KEY is not set: generated an encryption key into {} (readable by this "
                    + "user only). Back it up with the data folder; to run several instances or use your own "
                    + "database, set SWITCHBOARD_ENCRYPTION_KEY to its contents.", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the encryption key file " + file + ": "
                    + e.getMessage() + ". " + HOW_TO, e);
        }
    }

    private static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not valid base64. " + HOW_TO);
        }
        if (key.length != 32) {
            throw new IllegalStateException(what + " must be 32 bytes (base64 of 32 random bytes); it is "
                    + key.length + ". " + HOW_TO);
        }
        return key;
    }

    /** A short fingerprint of the key, stored with each sealed value. */
    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "k1-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

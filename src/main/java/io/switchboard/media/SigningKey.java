package io.switchboard.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key media URLs are signed with: {@code switchboard.media.signing-key}, the same on every instance. With
 * the embedded database (one machine, nothing configured) a key is generated once and kept under ./data.
 */
@Component
class SigningKey {
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    static final int MIN_LENGTH = 32;
    private final byte[] bytes;

    SigningKey(MediaSettings settings, Environment environment) {
        String configured = settings.signingKey().strip();
        if (!configured.isEmpty()) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalStateException("switchboard.media.signing-key is shorter than " + MIN_LENGTH
                        + " characters: set a longer random value (e.g. the output of `openssl rand -base64 48`)");
            }
            bytes = configured.getBytes(StandardCharsets.UTF_8);
        } else if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            bytes = generated(settings.signingKeyFile());
        } else {
            throw new IllegalStateException("Set switchboard.media.signing-key (SWITCHBOARD_MEDIA_SIGNING_KEY): the "
                    + "media URLs the platform fetches are signed with it, and every instance needs the same value. "
                    + "Use a random value of at least " + MIN_LENGTH + " characters, e.g. `openssl rand -base64 48`.");
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    private static byte[] generated(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, "signing", ".partial");
            trySetOwnerOnly(partial);
            Files.writeString(partial, key);
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated the media URL signing key in {}", file.toAbsolutePath());
            return key.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the media signing key file " + file
                    + ": " + e.getMessage() + ". Set switchboard.media.signing-key instead.", e);
        }
    }

    private static void trySetOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("No POSIX permissions here; the key file keeps the default ones");
        }
    }
}

package io.switchboard.media;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and checks the URLs the platform (and the pages) fetch media through:
 * {@code /media/files/<id>/<rendition file>?expires=<epoch seconds>&signature=<HMAC-SHA256 of id, rendition and
 * expiry>}. Every instance with the same key accepts every other's URLs.
 */
@Component
class UrlSigner {
    static final String PATH = "/media/files/";
    private final byte[] key;
    private final MediaSettings settings;
    private final Environment environment;

    UrlSigner(SigningKey key, MediaSettings settings, Environment environment) {
        this.key = key.bytes();
        this.settings = settings;
        this.environment = environment;
    }

    /** The absolute URL under the public base URL. */
    URI url(long mediaId, RenditionKind kind, String extension, Duration ttl) {
        return URI.create(baseUrl() + path(mediaId, kind, extension, Instant.now().plus(ttl)));
    }

    /** A same-origin path for pages, valid until {@code expires}. */
    String path(long mediaId, RenditionKind kind, String extension, Instant expires) {
        long epoch = expires.getEpochSecond();
        return PATH + mediaId + "/" + kind.fileName(extension) + "?expires=" + epoch + "&signature="
                + sign(mediaId, kind, epoch);
    }

    /** Why the signature is refused, or null when it is good. */
    @Nullable String refusal(long mediaId, RenditionKind kind, String expires, String signature) {
        long epoch;
        try {
            epoch = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return "The link has no valid expiry.";
        }
        byte[] expected = sign(mediaId, kind, epoch).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "The link's signature does not match: it was altered or signed with another key.";
        }
        if (Instant.now().getEpochSecond() > epoch) {
            return "The link expired at " + Instant.ofEpochSecond(epoch) + "; ask for a new one.";
        }
        return null;
    }

    String baseUrl() {
        String configured = settings.publicBaseUrl().strip();
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    private String sign(long mediaId, RenditionKind kind, long epoch) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((mediaId + "/" + kind.name() + "/" + epoch).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

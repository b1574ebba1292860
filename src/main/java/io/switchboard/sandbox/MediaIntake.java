package io.switchboard.sandbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.MediaLibrary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes a container's media in, as Meta does: fetches the URL itself (or takes uploaded bytes), into a temporary
 * file that is deleted afterwards; the verdict is remembered by content, so the same bytes are probed once. It is
 * no open proxy: it fetches only this Switchboard's own signed media URLs (and origins an admin added), checks
 * every redirect the same way, and takes at most what the platform takes of each kind.
 */
@Component
@Conditional(SandboxEnabled.class)
class MediaIntake {
    private static final Logger log = LoggerFactory.getLogger(MediaIntake.class);
    private static final long MB = 1024L * 1024;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;
    /** Verdicts remembered on this instance, by kind and content hash (a few hundred bytes each). */
    private static final int REMEMBERED = 10_000;
    private final Map<String, MediaVerdict> verdicts = new ConcurrentHashMap<>();
    private final ContainerStore containers;
    private final MediaChecker checker;
    private final MediaLibrary library;
    private final SandboxFetchSettings settings;
    private final Counter probes;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    MediaIntake(ContainerStore containers, MediaChecker checker, MediaLibrary library, SandboxFetchSettings settings,
                MeterRegistry meters) {
        this.probes = Counter.builder("switchboard.sandbox.media.checks")
                .description("Media files the sandbox probed (each distinct content once)").register(meters);
        this.containers = containers;
        this.checker = checker;
        this.library = library;
        this.settings = settings;
    }

    /** Fetches the container's media URL and records the verdict on the container. */
    void fetch(SandboxContainer container) throws IOException, InterruptedException {
        Path file = Files.createTempFile("sandbox-fetch-", ".media");
        try {
            String kind = MediaChecker.kind(container);
            MessageDigest digest = sha256();
            MediaVerdict verdict = download(String.valueOf(container.mediaUrl()), kind, file, digest);
            if (verdict == null) {
                verdict = verdict(kind, digest.digest(), file);
            }
            containers.checked(container.id(), verdict.failure());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Checks uploaded bytes (a resumable upload), at most what the platform takes, and records the verdict. */
    void accept(SandboxContainer container, InputStream bytes) throws IOException {
        Path file = Files.createTempFile("sandbox-upload-", ".media");
        try {
            String kind = MediaChecker.kind(container);
            boolean fits = true;
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                bytes.transferTo(new LimitedOutput(out, maxBytes(kind)));
            } catch (LimitedOutput.TooLarge e) {
                fits = false;
            }
            containers.checked(container.id(), (fits ? verdict(kind, digest.digest(), file) : tooLarge(kind)).failure());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The verdict on the file whose SHA-256 was taken as it was written: remembered on this instance (a verdict on
     * given bytes never changes), or else in the database, or else the checker's, once for all instances.
     */
    private MediaVerdict verdict(String kind, byte[] sha256, Path file) {
        String key = kind + ":" + HexFormat.of().formatHex(sha256);
        MediaVerdict known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        MediaVerdict verdict = containers.knownVerdict(sha256, kind).orElseGet(() -> containers.verdictOnce(sha256,
                kind, () -> {
                    probes.increment();
                    return checker.check(kind, file);
                }));
        if (verdicts.size() >= REMEMBERED) {
            verdicts.clear();
        }
        verdicts.put(key, verdict);
        return verdict;
    }

    /**
     * Downloads into the file, following redirects itself so that every address is checked; returns the failure
     * verdict when the URL may not or cannot be fetched, null when it was.
     */
    private @Nullable MediaVerdict download(String address, String kind, Path file, MessageDigest digest)
            throws InterruptedException {
        try {
            URI url = URI.create(address);
            for (int redirects = 0; ; redirects++) {
                if (!fetchable(url)) {
                    return unfetchable("the sandbox fetches only this Switchboard's own media URLs ("
                            + library.fetchUrlBase() + "…), not " + url.getScheme() + "://" + url.getAuthority());
                }
                HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    var location = response.headers().firstValue("Location");
                    if (response.statusCode() / 100 == 3 && location.isPresent()) {
                        if (redirects == MAX_REDIRECTS) {
                            return unfetchable("it redirects more than " + MAX_REDIRECTS + " times");
                        }
                        url = url.resolve(location.get());
                        continue;
                    }
                    if (response.statusCode() / 100 != 2) {
                        return unfetchable("the server answered HTTP " + response.statusCode());
                    }
                    if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes(kind)) {
                        return tooLarge(kind);
                    }
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                        if (body.transferTo(new LimitedOutput(out, maxBytes(kind))) == 0) {
                            return unfetchable("the answer was empty");
                        }
                    }
                    return null;
                }
            }
        } catch (LimitedOutput.TooLarge e) {
            return tooLarge(kind);
        } catch (HttpTimeoutException e) {
            return MediaVerdict.failed(-2, 2207003, "It took too long to download the media.");
        } catch (IOException | IllegalArgumentException e) {
            log.debug("Sandbox could not fetch media: {}", e.getClass().getSimpleName());
            return unfetchable("it could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** This app's own signed media URLs, or an origin an admin added for development. */
    boolean fetchable(URI url) {
        return library.isOwnFetchUrl(url) || settings.mediaOrigins().stream().anyMatch(origin ->
                url.getUserInfo() == null && sameOrigin(url, origin));
    }

    private static boolean sameOrigin(URI url, URI origin) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase(origin.getScheme())
                && url.getHost() != null && url.getHost().equalsIgnoreCase(origin.getHost())
                && port(url) == port(origin);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The most the platform takes of each kind: 8 MB images, 100 MB story videos, 300 MB Reels. */
    static long maxBytes(String kind) {
        return switch (kind) {
            case MediaChecker.REEL -> 300 * MB;
            case MediaChecker.VIDEO_STORY -> 100 * MB;
            default -> 8 * MB;
        };
    }

    private static MediaVerdict tooLarge(String kind) {
        return kind.startsWith("image")
                ? MediaVerdict.failed(36000, 2207004, "The image size is too large: more than 8 MB.")
                : MediaVerdict.failed(352, 2207026, "The video format is not supported: the file is larger than "
                + maxBytes(kind) / MB + " MB.");
    }

    private static MediaVerdict unfetchable(String why) {
        return MediaVerdict.failed(9004, 2207052, "The media could not be fetched from this URI: " + why + ".");
    }

    /** SHA-256, taken of the bytes as they are written to the temporary file (one pass, not a second read). */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops a download that grows past the limit. */
    private static final class LimitedOutput extends java.io.FilterOutputStream {
        private final long limit;
        private long written;

        LimitedOutput(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > limit) {
                throw new TooLarge();
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        static final class TooLarge extends IOException {
        }
    }
}

package io.switchboard.sandbox;

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

/**
 * Takes a container's media in, as Meta does: fetches the URL itself (or takes uploaded bytes), into a temporary
 * file that is deleted afterwards; the verdict is remembered by content, so the same bytes are probed once.
 */
@Component
@Conditional(SandboxEnabled.class)
class MediaIntake {
    private static final Logger log = LoggerFactory.getLogger(MediaIntake.class);
    private static final long MAX_BYTES = 310L * 1024 * 1024;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);
    private final ContainerStore containers;
    private final MediaChecker checker;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    MediaIntake(ContainerStore containers, MediaChecker checker) {
        this.containers = containers;
        this.checker = checker;
    }

    /** Fetches the container's media URL and records the verdict on the container. */
    void fetch(SandboxContainer container) throws IOException, InterruptedException {
        Path file = Files.createTempFile("sandbox-fetch-", ".media");
        try {
            MediaVerdict verdict = download(URI.create(String.valueOf(container.mediaUrl())), file);
            if (verdict == null) {
                verdict = verdict(container, file);
            }
            containers.checked(container.id(), verdict.failure());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Checks uploaded bytes (a resumable upload) and records the verdict on the container. */
    void accept(SandboxContainer container, InputStream bytes) throws IOException {
        Path file = Files.createTempFile("sandbox-upload-", ".media");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                bytes.transferTo(out);
            }
            containers.checked(container.id(), verdict(container, file).failure());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private MediaVerdict verdict(SandboxContainer container, Path file) throws IOException {
        String kind = MediaChecker.kind(container);
        byte[] sha256 = sha256(file);
        return containers.knownVerdict(sha256, kind).orElseGet(() -> {
            MediaVerdict verdict = checker.check(kind, file);
            containers.rememberVerdict(sha256, kind, verdict);
            return verdict;
        });
    }

    /** Downloads into the file; returns the failure verdict when the URL cannot be fetched, null when it was. */
    private MediaVerdict download(URI url, Path file) throws InterruptedException {
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(file)) {
                if (response.statusCode() / 100 != 2) {
                    return unfetchable("the server answered HTTP " + response.statusCode());
                }
                if (body.transferTo(new LimitedOutput(out, MAX_BYTES)) == 0) {
                    return unfetchable("the answer was empty");
                }
            }
            return null;
        } catch (HttpTimeoutException e) {
            return MediaVerdict.failed(-2, 2207003, "It took too long to download the media.");
        } catch (IOException | IllegalArgumentException e) {
            log.debug("Sandbox could not fetch media: {}", e.getClass().getSimpleName());
            return unfetchable(e instanceof LimitedOutput.TooLarge ? "it is larger than 310 MB"
                    : "it could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static MediaVerdict unfetchable(String why) {
        return MediaVerdict.failed(9004, 2207052, "The media could not be fetched from this URI: " + why + ".");
    }

    private static byte[] sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(),
                     MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(digest);
            return digest.getMessageDigest().digest();
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

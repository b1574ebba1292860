package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3-compatible server for tests: Adobe S3Mock's standalone jar (copied into target/s3mock by the build),
 * run as its own JVM so its Spring Boot never meets ours, on free ports, with one bucket, stopped on close.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");
    private final Process process;
    private final int port;
    private final String bucket;

    private S3Server(Process process, int port, String bucket) {
        this.process = process;
        this.port = port;
        this.bucket = bucket;
    }

    public static S3Server start(String bucket) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests through Maven, which fetches it");
        }
        try {
            Path root = Files.createTempDirectory("s3mock");
            Path log = root.resolveSibling(root.getFileName() + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            // port 0: the server binds its own free ports and says which (no port picked here and freed for a
            // moment, which another process could take before S3Mock binds it)
            Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                    JAR.toAbsolutePath().toString(), "--server.port=0",
                    "--com.adobe.testing.s3mock.httpPort=0",
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.org.springframework.boot.tomcat=INFO",
                    "--logging.level.org.springframework.boot.web.embedded.tomcat=INFO"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3Server server = new S3Server(process, httpPort(process, log), bucket);
            server.awaitUp();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    public String bucket() {
        return bucket;
    }

    /** The properties that point an instance's media storage at this server. */
    public String[] properties() {
        return new String[]{"switchboard.media.storage=s3", "switchboard.media.s3.endpoint=" + endpoint(),
                "switchboard.media.s3.bucket=" + bucket, "switchboard.media.s3.access-key=" + ACCESS_KEY,
                "switchboard.media.s3.secret-key=" + SECRET_KEY, "switchboard.media.s3.region=us-east-1"};
    }

    private void awaitUp() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue());
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("S3Mock did not answer within 3 minutes");
    }

    /** The plain HTTP port, read from the line where Tomcat says which ports it bound. */
    private static int httpPort(Process process, Path log) throws IOException {
        Pattern http = Pattern.compile("started on ports?\\b[^\\n]*?(\\d+) \\(http\\)");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Matcher matcher = http.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Mock did not say its port within 5 minutes: " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10))) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

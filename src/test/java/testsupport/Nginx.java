package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The system's nginx (Debian's package; .ci/run installs it) running the deploy kit's own configuration,
 * deploy/nginx/switchboard.conf.template, with nothing changed but the port it listens on (as the nginx image
 * renders it), in front of the given instances. The main nginx.conf around it stands in for the image's.
 */
public final class Nginx implements AutoCloseable {
    private static final Path TEMPLATE = Path.of("deploy", "nginx", "switchboard.conf.template");
    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Nginx start(List<Integer> instancePorts) {
        try {
            String nginx = List.of("/usr/sbin/nginx", "/usr/bin/nginx").stream().filter(p -> Files.isExecutable(Path.of(p)))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "nginx is not installed: apt-get install nginx-light (.ci/run does)"));
            int port = freePort();
            Path dir = Path.of("target", "nginx-" + ProcessHandle.current().pid() + "-" + port).toAbsolutePath();
            Files.createDirectories(dir.resolve("temp"));
            // worker processes may run as another user: let them through to the temporary folders
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir.resolve("temp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(dir.resolve("switchboard.conf"),
                    Files.readString(TEMPLATE).replace("${NGINX_PORT}", "127.0.0.1:" + port));
            Files.writeString(dir.resolve("switchboard-upstream.conf"), instancePorts.stream()
                    .map(p -> "server 127.0.0.1:" + p + ";").collect(Collectors.joining("\n", "", "\n")));
            Files.writeString(dir.resolve("nginx.conf"), """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 256; }
                    http {
                        access_log %1$s/access.log;
                        client_body_temp_path %1$s/temp/body;
                        proxy_temp_path %1$s/temp/proxy;
                        fastcgi_temp_path %1$s/temp/fastcgi;
                        uwsgi_temp_path %1$s/temp/uwsgi;
                        scgi_temp_path %1$s/temp/scgi;
                        include switchboard.conf;
                    }
                    """.formatted(dir));
            Process process = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            awaitListening(port, process, dir);
            return new Nginx(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void awaitListening(int port, Process process, Path dir) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        throw new IllegalStateException("nginx does not listen on " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

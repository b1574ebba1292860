package testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves test media over HTTP on loopback, as the media library's signed URLs would: the sandbox fetches from
 * it like Meta fetches from the internet. A name not served answers 404; {@link #expire} makes a name answer 403
 * (an expired signature).
 */
public final class MediaServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> expired = new ConcurrentHashMap<>();

    public MediaServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            Path file = files.get(name);
            int status = file == null ? 404 : expired.containsKey(name) ? 403 : 200;
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
    }

    /** Serves the file under its file name; returns its URL. */
    public URI serve(Path file) {
        files.put(file.getFileName().toString(), file);
        return url(file.getFileName().toString());
    }

    public void expire(String name) {
        expired.put(name, true);
    }

    public URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

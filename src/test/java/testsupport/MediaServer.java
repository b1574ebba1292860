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
    private final Map<String, URI> redirects = new ConcurrentHashMap<>();
    private final java.util.Set<String> endless = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong endlessBytes = new java.util.concurrent.atomic.AtomicLong();

    public MediaServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring(1);
            URI redirect = redirects.get(name);
            if (redirect != null) {
                exchange.getResponseHeaders().add("Location", redirect.toString());
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            if (endless.contains(name)) {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long sent = 0; sent < 1024L * 1024 * 1024; sent += chunk.length) {
                        out.write(chunk);
                        endlessBytes.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the client stopped reading: what we wanted to see
                }
                return;
            }
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
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Serves the file under its file name; returns its URL. */
    public URI serve(Path file) {
        files.put(file.getFileName().toString(), file);
        return url(file.getFileName().toString());
    }

    /** {@code name} answers 302 to {@code target}; returns its URL. */
    public URI redirect(String name, URI target) {
        redirects.put(name, target);
        return url(name);
    }

    /** {@code name} answers a body without a length that goes on for a gigabyte; returns its URL. */
    public URI endless(String name) {
        endless.add(name);
        return url(name);
    }

    /** Requests this server received, whatever they asked for. */
    public int requests() {
        return requests.get();
    }

    /** Bytes the endless bodies sent before their clients stopped reading. */
    public long endlessBytesSent() {
        return endlessBytes.get();
    }

    /** {@code http://127.0.0.1:<port>}, as an allowed origin is configured. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
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

package testsupport;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The diagnostics probe as a test runs it: HTTPS on loopback with a {@link TestCertificates} certificate, answering
 * {@code {"ip": "<caller's address>"}} like api.ipify.org, or a chosen address (to make the exit IP change).
 */
public final class ProbeServer implements AutoCloseable {
    private final HttpsServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();

    public ProbeServer(TestCertificates certificate) {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String ip = answer.get() != null ? answer.get() : exchange.getRemoteAddress().getAddress().getHostAddress();
            byte[] body = ("{\"ip\":\"" + ip + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The probe URL, as switchboard.proxies.probe-url. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + port() + "/?format=json");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** From now on, answer this address instead of the caller's (null: the caller's again). */
    public void answer(String ip) {
        answer.set(ip);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

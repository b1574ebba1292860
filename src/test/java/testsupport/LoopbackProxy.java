package testsupport;

import javax.net.ssl.SSLContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real proxy on loopback for tests, in the three kinds Switchboard supports: HTTP (CONNECT tunnels, and plain-HTTP
 * requests in absolute form, forwarded on a kept-alive upstream connection), HTTPS (the same over TLS with a test
 * certificate) and SOCKS5 (RFC 1928, with RFC 1929 sign-in). It can require credentials and answer slowly. It
 * records what it was asked to reach ({@link #seen()}, without query strings: they carry tokens) and how many
 * client connections it accepted. {@link #refusing()} gives an address where nothing listens.
 */
public final class LoopbackProxy implements AutoCloseable {
    public enum Kind { HTTP, HTTPS, SOCKS5 }

    private final Kind kind;
    private final String username;
    private final String password;
    private final Duration delay;
    private final ServerSocket server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private LoopbackProxy(Kind kind, String username, String password, Duration delay, SSLContext tls) {
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.delay = delay;
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
            server.bind(loopback);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("loopback-proxy-" + port()).start(this::accept);
    }

    public static Builder http() {
        return new Builder(Kind.HTTP, null);
    }

    public static Builder https(TestCertificates certificate) {
        return new Builder(Kind.HTTPS, certificate.serverContext());
    }

    public static Builder socks5() {
        return new Builder(Kind.SOCKS5, null);
    }

    /** A loopback port where nothing listens: connecting is refused. */
    public static int refusing() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private final Kind kind;
        private final SSLContext tls;
        private String username;
        private String password;
        private Duration delay = Duration.ZERO;

        private Builder(Kind kind, SSLContext tls) {
            this.kind = kind;
            this.tls = tls;
        }

        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** Waits this long before answering each handshake (a slow proxy). */
        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        public LoopbackProxy start() {
            return new LoopbackProxy(kind, username, password, delay, tls);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** "CONNECT host:port", "SOCKS5 host:port", or "GET http://host:port/path" for each request it handled. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    public int connections() {
        return connections.get();
    }

    /** Closes every open connection but keeps listening, as a proxy closing idle connections does. */
    public void dropConnections() {
        open.forEach(LoopbackProxy::quietly);
    }

    /** Stops listening and drops every connection, as a proxy that went down. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(LoopbackProxy::quietly);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            if (kind == Kind.SOCKS5) {
                socks(client, new DataInputStream(in));
            } else {
                http(client, in);
            }
        } catch (IOException | RuntimeException e) {
            // the client or the target went away
        } finally {
            open.remove(client);
        }
    }

    private void http(Socket client, InputStream in) throws IOException {
        OutputStream out = client.getOutputStream();
        Socket upstream = null;
        try {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = headers(in);
                pause();
                if (username != null && !basic().equals(headers.get("proxy-authorization"))) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                String[] parts = requestLine.split(" ");
                if (parts[0].equals("CONNECT")) {
                    seen.add("CONNECT " + parts[1]);
                    Socket target = connect(parts[1]);
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    relay(client, in, target);
                    return;
                }
                URI uri = URI.create(parts[1]);
                seen.add(parts[0] + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
                if (upstream == null) {
                    upstream = connect(uri.getHost() + ":" + uri.getPort());
                    pipe(upstream.getInputStream(), out, client);
                }
                forward(parts, uri, headers, in, upstream.getOutputStream());
            }
        } finally {
            if (upstream != null) {
                quietly(upstream);
            }
        }
    }

    private static void forward(String[] requestLine, URI uri, Map<String, String> headers, InputStream in,
                                OutputStream upstream) throws IOException {
        StringBuilder head = new StringBuilder(requestLine[0]).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> {
            if (!name.startsWith("proxy-")) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        upstream.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        upstream.write(in.readNBytes((int) length));
        upstream.flush();
    }

    private void socks(Socket client, DataInputStream in) throws IOException {
        OutputStream out = client.getOutputStream();
        in.readUnsignedByte();
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        pause();
        int wanted = username == null ? 0 : 2;
        if (!contains(methods, wanted)) {
            out.write(new byte[]{5, (byte) 0xFF});
            return;
        }
        out.write(new byte[]{5, (byte) wanted});
        out.flush();
        if (username != null) {
            in.readUnsignedByte();
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            boolean accepted = user.equals(username) && pass.equals(password);
            out.write(new byte[]{1, (byte) (accepted ? 0 : 1)});
            out.flush();
            if (!accepted) {
                return;
            }
        }
        in.readUnsignedByte();
        in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        String host = switch (type) {
            case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 4 -> "[" + InetAddress.getByAddress(in.readNBytes(16)).getHostAddress() + "]";
            default -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
        };
        int port = in.readUnsignedShort();
        seen.add("SOCKS5 " + host + ":" + port);
        Socket target;
        try {
            target = connect(host + ":" + port);
        } catch (IOException e) {
            out.write(new byte[]{5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
            return;
        }
        out.write(new byte[]{5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        out.flush();
        relay(client, in, target);
    }

    private void relay(Socket client, InputStream in, Socket target) throws IOException {
        try (target) {
            pipe(target.getInputStream(), client.getOutputStream(), client);
            in.transferTo(target.getOutputStream());
        }
    }

    /** Copies from → to on its own thread; when from ends, the client connection is closed. */
    private void pipe(InputStream from, OutputStream to, Socket client) {
        Thread.ofVirtual().start(() -> {
            try {
                byte[] buffer = new byte[8192];
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // one side went away
            } finally {
                quietly(client);
            }
        });
    }

    private Socket connect(String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon).replace("[", "").replace("]", "");
        Socket target = new Socket(host, Integer.parseInt(authority.substring(colon + 1)));
        open.add(target);
        return target;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void pause() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line; (line = line(in)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] values, int wanted) {
        for (byte value : values) {
            if (value == wanted) {
                return true;
            }
        }
        return false;
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

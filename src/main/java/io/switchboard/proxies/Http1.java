package io.switchboard.proxies;

import io.switchboard.platform.EgressRequest;
import io.switchboard.platform.EgressResponse;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange on a {@link ProxyConnection}: the request written (body from bytes or a file, with its
 * length), the response read (by Content-Length, chunked, or to the end of the connection) and whether the
 * connection can carry the next request.
 */
final class Http1 {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 64 * 1024 * 1024;
    /** Headers this class sets itself; a caller's copies would allow request smuggling. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "proxy-authorization", "proxy-connection", "te", "upgrade");

    private Http1() {
    }

    record Answer(EgressResponse response, boolean reusable) {
    }

    /** @throws ProxyFailure when an HTTP(S) proxy refuses a request in absolute form for lack of credentials */
    static Answer exchange(ProxyConnection connection, EgressRequest request, Target target, Deadline deadline)
            throws IOException {
        write(connection, request, target);
        Answer answer = read(connection, request.method(), deadline);
        if (connection.absoluteForm() && answer.response().status() == 407) {
            throw ConnectHandshake.authenticationRefused(connection.proxyAuthorization() != null);
        }
        return answer;
    }

    private static void write(ProxyConnection connection, EgressRequest request, Target target) throws IOException {
        long length = request.bodyFile() != null ? Files.size(request.bodyFile()) : request.body().length;
        StringBuilder head = new StringBuilder(request.method()).append(' ')
                .append(requestTarget(request.uri(), target, connection.absoluteForm())).append(" HTTP/1.1\r\n");
        header(head, "Host", target.hostHeader());
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (!OWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                header(head, h.getKey(), h.getValue());
            }
        }
        if (!request.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("user-agent"))) {
            header(head, "User-Agent", "Switchboard");
        }
        if (connection.proxyAuthorization() != null) {
            header(head, "Proxy-Authorization", connection.proxyAuthorization());
        }
        if (length > 0 || !request.method().equals("GET") && !request.method().equals("HEAD")) {
            header(head, "Content-Length", Long.toString(length));
        }
        head.append("\r\n");
        OutputStream out = connection.out();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.bodyFile() != null) {
            Files.copy(request.bodyFile(), out);
        } else {
            out.write(request.body());
        }
        out.flush();
    }

    private static String requestTarget(URI uri, Target target, boolean absolute) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return absolute ? target.scheme() + "://" + target.hostHeader() + pathAndQuery : pathAndQuery;
    }

    private static void header(StringBuilder head, String name, String value) {
        if (name.isEmpty() || (name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("A request header may not hold line breaks: " + name);
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static Answer read(ProxyConnection connection, String method, Deadline deadline) throws IOException {
        InputStream in = connection.in();
        try {
            connection.socket().setSoTimeout(deadline.remainingMillis());
            String statusLine;
            Map<String, List<String>> headers;
            int status;
            do {
                statusLine = line(in, connection);
                status = status(statusLine);
                headers = headers(in);
            } while (status / 100 == 1 && status != 101);
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
            String transferEncoding = first(headers, "transfer-encoding");
            String contentLength = first(headers, "content-length");
            boolean framed = noBody || transferEncoding != null || contentLength != null;
            byte[] body = noBody ? new byte[0]
                    : transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")
                    ? chunked(in, connection, deadline) : contentLength != null
                    ? fixed(in, parseLength(contentLength), connection, deadline) : toEnd(in, connection, deadline);
            String connectionHeader = first(headers, "connection");
            boolean keepAlive = statusLine.startsWith("HTTP/1.1")
                    && (connectionHeader == null || !connectionHeader.toLowerCase(Locale.ROOT).contains("close"));
            return new Answer(new EgressResponse(status, headers, body), framed && keepAlive);
        } catch (SocketTimeoutException e) {
            throw deadline.timedOut();
        }
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer through the proxy");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("a malformed status line through the proxy");
        }
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < MAX_HEADERS; i++) {
            String line = line(in, null);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        throw new IOException("more than " + MAX_HEADERS + " response headers");
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static byte[] chunked(InputStream in, ProxyConnection connection, Deadline deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, null);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("a malformed chunk size through the proxy");
            }
            if (size == 0) {
                headers(in);
                return body.toByteArray();
            }
            copy(in, body, size, connection, deadline);
            line(in, null);
        }
    }

    private static byte[] fixed(InputStream in, long length, ProxyConnection connection, Deadline deadline)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, 64 * 1024));
        copy(in, body, length, connection, deadline);
        return body.toByteArray();
    }

    private static byte[] toEnd(InputStream in, ProxyConnection connection, Deadline deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            body.write(buffer, 0, n);
            limit(body.size());
            connection.socket().setSoTimeout(deadline.remainingMillis());
        }
        return body.toByteArray();
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long length, ProxyConnection connection,
                             Deadline deadline) throws IOException {
        limit(body.size() + length);
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the answer ended early through the proxy");
            }
            body.write(buffer, 0, n);
            left -= n;
            connection.socket().setSoTimeout(deadline.remainingMillis());
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value.strip());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("a malformed Content-Length through the proxy");
        }
    }

    private static void limit(long size) throws IOException {
        if (size > MAX_BODY) {
            throw new IOException("an answer larger than " + MAX_BODY / (1024 * 1024) + " MB through the proxy");
        }
    }

    /** A line without its CR LF; the first byte read for an answer marks the connection as answered. */
    private static String line(InputStream in, @Nullable ProxyConnection first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException(line.size() == 0 && first != null
                        ? "the connection was closed before an answer" : "the answer ended early through the proxy");
            }
            if (first != null) {
                first.markAnswered();
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("an answer line longer than " + MAX_LINE + " bytes through the proxy");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }
}

package io.switchboard.proxies;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Opens a tunnel through an HTTP(S) proxy with {@code CONNECT host:port} (RFC 9110 §9.3.6). */
final class ConnectHandshake {
    private static final int MAX_HEAD = 16 * 1024;
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    private ConnectHandshake() {
    }

    static void tunnel(Socket socket, ProxyEndpoint proxy, Target target, Deadline deadline) throws IOException {
        StringBuilder head = new StringBuilder("CONNECT ").append(target.authority()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.authority()).append("\r\n");
        String authorization = proxy.basicAuthorization();
        if (authorization != null) {
            head.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        socket.setSoTimeout(deadline.remainingMillis());
        String statusLine;
        try {
            statusLine = readHead(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy did not answer CONNECT within "
                    + deadline.total().toMillis() + " ms");
        }
        int status = status(statusLine);
        if (status / 100 == 2) {
            return;
        }
        if (status == 407) {
            throw authenticationRefused(proxy.username() != null);
        }
        throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy refused to open a tunnel to "
                + target.authority() + " (" + statusLine.strip() + ")");
    }

    /** An HTTP(S) proxy answered 407, to CONNECT or to a request in absolute form. */
    static ProxyFailure authenticationRefused(boolean credentialsSent) {
        return new ProxyFailure(CheckOutcome.AUTH_FAILED, credentialsSent
                ? "the proxy refused the username and password (407 Proxy Authentication Required): correct them"
                : "the proxy requires a username and password (407 Proxy Authentication Required): add them");
    }

    /** The response head up to its blank line, byte by byte so nothing of the tunnel is read; returns the status line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, head.size() == 0
                        ? "the proxy closed the connection without answering CONNECT: is it an HTTP proxy?"
                        : "the proxy's answer to CONNECT ended early");
            }
            head.write(b);
            lastFour = lastFour << 8 | b;
            if (head.size() > MAX_HEAD) {
                throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy's answer to CONNECT is too long");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }

    private static int status(String statusLine) throws ProxyFailure {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy did not answer CONNECT as an HTTP proxy");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy answered CONNECT with a malformed status line");
        }
    }
}

package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * An open connection through a proxy that HTTP/1.1 requests for one target travel on, one after the other.
 * Either a tunnel to the target (CONNECT, SOCKS5: requests in origin form), or, for plain-HTTP targets behind an
 * HTTP(S) proxy, the connection to the proxy itself (requests in absolute form, with the proxy's credentials).
 */
final class ProxyConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean absoluteForm;
    private final @Nullable String proxyAuthorization;
    private long idleSince = System.nanoTime();
    private boolean answered;

    ProxyConnection(Socket socket, boolean absoluteForm, @Nullable String proxyAuthorization) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.absoluteForm = absoluteForm;
        this.proxyAuthorization = proxyAuthorization;
    }

    Socket socket() {
        return socket;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    boolean absoluteForm() {
        return absoluteForm;
    }

    @Nullable String proxyAuthorization() {
        return proxyAuthorization;
    }

    /** Whether any byte of an answer arrived on this connection since it was taken for a request. */
    boolean answered() {
        return answered;
    }

    void markAnswered() {
        answered = true;
    }

    void markIdle() {
        idleSince = System.nanoTime();
        answered = false;
    }

    long idleNanos() {
        return System.nanoTime() - idleSince;
    }

    boolean isOpen() {
        return !socket.isClosed() && !socket.isInputShutdown() && !socket.isOutputShutdown();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}

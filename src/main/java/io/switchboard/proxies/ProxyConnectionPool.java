package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle connections through one proxy, by target, so consecutive calls skip the TCP, proxy and TLS handshakes.
 * A connection idle longer than {@link #MAX_IDLE} is dropped: proxies commonly close idle client connections after
 * a minute or two, and a connection closed under us costs a retry.
 */
final class ProxyConnectionPool implements AutoCloseable {
    static final Duration MAX_IDLE = Duration.ofSeconds(30);
    static final int MAX_IDLE_PER_TARGET = 16;
    private final Map<String, Deque<ProxyConnection>> idle = new HashMap<>();
    private boolean closed;

    /** The most recently used idle connection to the target that is still fit, or null. */
    @Nullable ProxyConnection take(String target) {
        List<ProxyConnection> expired = new ArrayList<>();
        ProxyConnection found = null;
        synchronized (this) {
            Deque<ProxyConnection> connections = idle.get(target);
            while (connections != null && !connections.isEmpty() && found == null) {
                ProxyConnection candidate = connections.pollFirst();
                if (candidate.isOpen() && candidate.idleNanos() < MAX_IDLE.toNanos()) {
                    found = candidate;
                } else {
                    expired.add(candidate);
                }
            }
        }
        expired.forEach(ProxyConnection::close);
        return found;
    }

    /** Keeps a connection whose last answer was read completely, for the next request to the target. */
    void give(String target, ProxyConnection connection) {
        connection.markIdle();
        synchronized (this) {
            Deque<ProxyConnection> connections = idle.computeIfAbsent(target, t -> new ArrayDeque<>());
            if (!closed && connections.size() < MAX_IDLE_PER_TARGET) {
                connections.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    @Override
    public void close() {
        List<ProxyConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(ProxyConnection::close);
    }
}

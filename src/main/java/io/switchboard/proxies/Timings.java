package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

/** How long each step of opening a connection through a proxy took, in milliseconds; null for steps not reached. */
final class Timings {
    private final long start = System.nanoTime();
    private long mark = start;
    @Nullable Integer connectMs;
    @Nullable Integer handshakeMs;
    @Nullable Integer tlsMs;

    /** Milliseconds since the previous step ended (or since the start), and starts the next step. */
    int step() {
        long now = System.nanoTime();
        int millis = (int) ((now - mark) / 1_000_000);
        mark = now;
        return millis;
    }

    int sinceStart() {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }
}

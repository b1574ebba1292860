package io.switchboard.instagram.graph;

import java.time.Duration;

/** The account's publishing quota, live: {@code used} posts of {@code total} within the rolling {@code window}. */
public record PublishingLimit(int used, int total, Duration window) {

    public int remaining() {
        return Math.max(0, total - used);
    }
}

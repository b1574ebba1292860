package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * The account's publishing quota, live: {@code used} posts of {@code total} within the rolling {@code window}.
 *
 * @param nextSlotAt when the quota is used up: when the oldest post in the window leaves it and a slot frees
 *                   (read from the account's recent media); null while slots are free or when unknown
 */
public record PublishingLimit(int used, int total, Duration window, @Nullable Instant nextSlotAt) {

    public int remaining() {
        return Math.max(0, total - used);
    }
}

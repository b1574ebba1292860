package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's publishing quota as its platform reports it: {@code used} posts of {@code total} within the
 * rolling {@code window}.
 *
 * @param nextSlotAt when the quota is used up: when a slot frees (the oldest post in the window leaves it);
 *                   null while slots are free or when unknown
 */
public record PublishingQuota(int used, int total, Duration window, @Nullable Instant nextSlotAt) {

    public int remaining() {
        return Math.max(0, total - used);
    }
}

package io.switchboard.publishing;

import java.time.Instant;

/**
 * An account's publishing quota (the platform's posts per 24 hours) is used up: a post of it waits for a slot.
 *
 * @param freesAt when the next slot frees (the oldest publish of the last 24 hours ages out)
 */
public record QuotaExhausted(long accountId, String username, long postId, Instant freesAt) {
}

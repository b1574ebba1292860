package io.switchboard.accounts;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/**
 * A CSV import while a background task checks it, and its outcome once checked.
 *
 * @param done    tokens checked so far
 * @param total   tokens to check; 0 until the task has read the file
 * @param stopped why the check stopped without an outcome (the task failed or was cancelled), or null
 * @param preview the outcome, once every row is checked; null until then
 */
public record ImportCheck(UUID id, long done, long total, @Nullable String stopped, @Nullable ImportPreview preview) {

    /** Whether the page should keep following it. */
    public boolean checking() {
        return preview == null && stopped == null;
    }
}

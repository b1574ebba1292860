package io.switchboard.audit;

import org.jspecify.annotations.Nullable;

/** One field's value before and after a change, as operators read them (never a secret). */
public record Change(@Nullable String before, @Nullable String after) {
}

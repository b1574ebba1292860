package io.switchboard.infrastructure;

import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * Reads of rarely changing rows on a hot path, kept per instance: a value is read again in the background once it is
 * a second old, and callers get the one they had meanwhile, so none waits for that read. A change made on another
 * instance is seen within about a second; the instance that makes one invalidates its entry itself.
 */
public final class RecentReads {
    /** How old a kept value may be before it is read again. */
    public static final Duration REFRESHED_AFTER = Duration.ofSeconds(1);

    private RecentReads() {
    }

    /** A Caffeine builder that refreshes after {@link #REFRESHED_AFTER}, on a virtual thread of its own. */
    public static Caffeine<Object, Object> cache() {
        return Caffeine.newBuilder().refreshAfterWrite(REFRESHED_AFTER)
                .executor(runnable -> Thread.ofVirtual().start(runnable));
    }
}

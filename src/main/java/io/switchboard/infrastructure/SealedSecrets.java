package io.switchboard.infrastructure;

/**
 * Implemented by each module that stores values sealed by the {@link SecretBox}, so that a key rotation re-seals
 * them through the module that owns them, never by one module reading another's tables.
 */
public interface SealedSecrets {

    /** What these values are, in operators' words ("account tokens"). */
    String description();

    /** How many stored values are sealed with a key other than the newest. */
    long sealedWithOlderKeys();

    /**
     * Re-seals up to {@code limit} of them with the newest key, each in place and only if it did not change
     * meanwhile; returns how many it re-sealed, 0 once none is left.
     *
     * @throws SecretUnreadable when a value was sealed with a key this instance does not have
     */
    int resealSome(int limit);
}

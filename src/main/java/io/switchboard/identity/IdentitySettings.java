package io.switchboard.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Operators, sign-in and sessions.
 *
 * <p>Failed sign-ins are counted per (username, client address), per client address and per username from any
 * address. Each count may fail {@code …FreeFailures} times; from then on every attempt waits a delay that starts
 * at {@code firstDelay} and doubles with each further failure, up to {@code maxDelay}. A username is locked for
 * everyone only after {@code usernameLockAfter} failures from any addresses (0: never).
 *
 * @param adminPassword         password of the {@code admin} created on the first start; random when unset
 * @param freeFailures          failures of one username from one address before delays start
 * @param addressFreeFailures   failures from one address (any usernames) before delays start
 * @param usernameLockAfter     failures of one username from all addresses that lock it for {@code max-delay}
 * @param firstDelay            the first delay; it doubles with each further failure
 * @param maxDelay              the longest delay
 * @param failuresKept          a count is forgotten after this long without attempts
 * @param signInConcurrency     password checks (bcrypt) running at once on this instance
 * @param minPasswordLength     shortest password accepted
 * @param sessionLifetime       longest a session lasts after sign-in, however active
 * @param metricsToken          bearer token that lets Prometheus read {@code /actuator/prometheus}; none when unset
 */
@ConfigurationProperties("switchboard.identity")
record IdentitySettings(
        @Nullable String adminPassword,
        @DefaultValue("5") int freeFailures,
        @DefaultValue("20") int addressFreeFailures,
        @DefaultValue("100") int usernameLockAfter,
        @DefaultValue("1m") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("1h") Duration failuresKept,
        @DefaultValue("4") int signInConcurrency,
        @DefaultValue("10") int minPasswordLength,
        @DefaultValue("7d") Duration sessionLifetime,
        @Nullable String metricsToken) {

    /** bcrypt reads at most this many bytes of a password (UTF-8); longer ones are refused, never cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MIN_METRICS_TOKEN_LENGTH = 32;

    IdentitySettings {
        if (freeFailures < 1 || addressFreeFailures < 1 || usernameLockAfter < 0 || signInConcurrency < 1) {
            throw new IllegalArgumentException("switchboard.identity: free-failures, address-free-failures and "
                    + "sign-in-concurrency must be at least 1, username-lock-after at least 0");
        }
        if (metricsToken != null && !metricsToken.isBlank() && metricsToken.strip().length() < MIN_METRICS_TOKEN_LENGTH) {
            throw new IllegalArgumentException("switchboard.identity.metrics-token must be at least "
                    + MIN_METRICS_TOKEN_LENGTH + " characters (openssl rand -hex 32)");
        }
        if (adminPassword != null && Passwords.bytes(adminPassword) > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("SWITCHBOARD_ADMIN_PASSWORD is longer than " + MAX_PASSWORD_BYTES
                    + " bytes (UTF-8), more than bcrypt can check: choose a shorter one");
        }
    }
}

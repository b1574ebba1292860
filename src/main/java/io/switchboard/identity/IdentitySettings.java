package io.switchboard.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param adminPassword     password of the {@code admin} created on the first start; random when unset
 * @param maxFailedLogins   failed sign-ins in a row that lock a username
 * @param lockDuration      how long a locked username stays locked
 * @param minPasswordLength shortest password accepted
 */
@ConfigurationProperties("switchboard.identity")
record IdentitySettings(
        @Nullable String adminPassword,
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("10") int minPasswordLength) {
}

package io.switchboard.platform;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rate-limit discipline every adapter shares: when a platform's usage signals pass its threshold, or it
 * throttles, its adapter holds calls for the whole app or one account until access returns, and asks here before
 * each call. Holds live in PostgreSQL on the database clock, so every instance respects them.
 */
@Component
public class HoldOffs {
    private static final Logger log = LoggerFactory.getLogger(HoldOffs.class);
    private final HoldRepository holds;

    HoldOffs(HoldRepository holds) {
        this.holds = holds;
    }

    /** The hold that stops a call to the platform for this account (or any call, for its app) now, if any. */
    public Optional<Hold> inForce(Platform platform, @Nullable String platformUserId) {
        List<String> scopes = new ArrayList<>(List.of(Hold.app(platform)));
        if (platformUserId != null) {
            scopes.add(Hold.user(platform, platformUserId));
        }
        return holds.inForce(scopes);
    }

    /** Holds every call to the platform for this long (a later hold already in force is kept). */
    public Hold holdApp(Platform platform, Duration duration, String reason) {
        return hold(Hold.app(platform), duration, reason);
    }

    /** Holds calls for one of the platform's users for this long (a later hold already in force is kept). */
    public Hold holdUser(Platform platform, String platformUserId, Duration duration, String reason) {
        return hold(Hold.user(platform, platformUserId), duration, reason);
    }

    private Hold hold(String scope, Duration duration, String reason) {
        Hold hold = holds.hold(scope, duration, reason);
        log.info("Holding off platform calls for {} until {}: {}", scope, hold.until(), reason);
        return hold;
    }
}

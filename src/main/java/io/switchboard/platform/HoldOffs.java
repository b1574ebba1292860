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
 * The rate-limit discipline: above the usage threshold, or when the platform throttles, calls for the app or
 * the account wait until access returns. Holds live in PostgreSQL, so every instance respects them.
 */
@Component
class HoldOffs {
    private static final Logger log = LoggerFactory.getLogger(HoldOffs.class);
    private final HoldRepository holds;
    private final PlatformSettings settings;

    HoldOffs(HoldRepository holds, PlatformSettings settings) {
        this.holds = holds;
        this.settings = settings;
    }

    /** The hold that stops a call for this account (or any call, for the app) now, if one is in force. */
    Optional<Hold> inForce(@Nullable String platformUserId) {
        List<String> scopes = new ArrayList<>(List.of(Hold.APP));
        if (platformUserId != null) {
            scopes.add(Hold.user(platformUserId));
        }
        return holds.inForce(scopes);
    }

    /** Holds what the answer's usage headers put above the threshold. */
    void observe(Usage usage) {
        if (usage.appPercent() >= settings.usageThreshold()) {
            hold(Hold.APP, settings.defaultHoldOff(), "app usage at " + usage.appPercent() + "%");
        }
        usage.accounts().forEach((id, account) -> {
            if (account.percent() >= settings.usageThreshold()) {
                hold(Hold.user(id), regain(account.regainMinutes()), "account usage at " + account.percent() + "%");
            }
        });
    }

    /** The platform throttled a call: hold its scope until the headers say access returns (or a default). */
    Hold throttled(boolean wholeApp, @Nullable String platformUserId, Usage usage, String reason) {
        if (wholeApp || platformUserId == null) {
            return hold(Hold.APP, settings.defaultHoldOff(), reason);
        }
        Usage.AccountUsage account = usage.accounts().get(platformUserId);
        return hold(Hold.user(platformUserId), regain(account == null ? 0 : account.regainMinutes()), reason);
    }

    private Duration regain(int minutes) {
        return minutes > 0 ? Duration.ofMinutes(minutes) : settings.defaultHoldOff();
    }

    private Hold hold(String scope, Duration duration, String reason) {
        Hold hold = holds.hold(scope, duration, reason);
        log.info("Holding off Graph API calls for {} until {}: {}", scope, hold.until(), reason);
        return hold;
    }
}

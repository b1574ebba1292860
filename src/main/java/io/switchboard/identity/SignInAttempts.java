package io.switchboard.identity;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * A password check as sign-in and the change-password form make it: counted for (username, client address) before
 * it runs, refused unrun when earlier failures make it wait ({@link SignInLocked}) or too many run at once
 * ({@link PasswordChecks.Busy}), and given back when the password was right. The check throws when it was not.
 */
@Component
class SignInAttempts {
    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final AuditTrail audit;

    SignInAttempts(LoginThrottle throttle, PasswordChecks checks, AuditTrail audit) {
        this.throttle = throttle;
        this.checks = checks;
        this.audit = audit;
    }

    <T> T check(String username, String address, Supplier<T> check) {
        var reservation = throttle.reserve(username, address);
        if (reservation.refused()) {
            throw new SignInLocked(reservation.retryIn());
        }
        T result;
        try {
            result = checks.run(check);
        } catch (PasswordChecks.Busy busy) {
            throttle.giveBack(username, address);
            throw busy;
        } catch (RuntimeException failed) {
            for (String scope : reservation.delaysStarted()) {
                audit.record(username, address, AuditRecord.of(scope.equals("username") ? "sign_in.locked"
                        : "sign_in.delayed", "operator", null).target(username).detail("Failed password checks "
                        + (scope.equals("username") ? "from any address." : "from " + address + ".")));
            }
            throw failed;
        }
        throttle.giveBack(username, address);
        return result;
    }
}

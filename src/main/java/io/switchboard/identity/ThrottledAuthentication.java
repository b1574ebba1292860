package io.switchboard.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the form and HTTP Basic alike) behind the login throttle: the attempt is counted before its
 * password is checked, one refused for earlier failures never reaches bcrypt, and a right password gives its
 * attempt back. Only a few checks run at once. A wrong password, an unknown username and a disabled operator all
 * fail the same way.
 */
class ThrottledAuthentication implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final OperatorRepository operators;
    private final AuditTrail audit;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle, PasswordChecks checks,
                            OperatorRepository operators, AuditTrail audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.checks = checks;
        this.operators = operators;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = Operators.normalize(authentication.getName());
        String address = address(authentication);
        if (authentication.getCredentials() instanceof String password && Passwords.tooLong(password)) {
            throw new PasswordTooLong();
        }
        var reservation = throttle.reserve(username, address);
        if (reservation.refused()) {
            throw new SignInLocked(reservation.retryIn());
        }
        Authentication result;
        try {
            result = checks.run(() -> passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    username, authentication.getCredentials())));
        } catch (PasswordChecks.Busy busy) {
            throttle.giveBack(username, address);
            throw busy;
        } catch (AuthenticationException failed) {
            for (String scope : reservation.delaysStarted()) {
                audit.record(username, scope.equals("username") ? "login.locked" : "login.delayed", username,
                        "failed sign-ins " + (scope.equals("username") ? "from any address" : "from " + address));
            }
            throw failed;
        }
        throttle.giveBack(username, address);
        operators.touchLastLogin(username);
        return result;
    }

    /** The client's address as the servlet container sees it (which forwarded headers count is set there). */
    static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

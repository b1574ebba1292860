package io.switchboard.identity;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the form and HTTP Basic alike) behind the login throttle: the attempt is counted before its
 * password is checked, one refused for earlier failures never reaches bcrypt, and a right password gives its
 * attempt back. Only a few checks run at once. A wrong password, an unknown username and a disabled operator all
 * fail the same way. Each sign-in and each failed one is recorded in the audit trail with the client's address.
 */
class ThrottledAuthentication implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final OperatorRepository operators;
    private final AuditTrail audit;

    ThrottledAuthentication(AuthenticationProvider passwords, SignInAttempts attempts, OperatorRepository operators,
                            AuditTrail audit) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.operators = operators;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = Operators.normalize(authentication.getName());
        if (authentication.getCredentials() instanceof String password && Passwords.tooLong(password)) {
            throw new PasswordTooLong();
        }
        String address = address(authentication);
        Authentication result;
        try {
            result = attempts.check(username, address, () -> passwords.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(username, authentication.getCredentials())));
        } catch (AuthenticationException failed) {
            audit.record(username, address, AuditRecord.of("sign_in.failed", "operator", null).target(username)
                    .detail(failed instanceof SignInLocked ? "Refused: too many failed sign-ins." : "Wrong username or password."));
            throw failed;
        }
        operators.touchLastLogin(username);
        audit.record(username, address, AuditRecord.of("sign_in", "operator", null).target(username));
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

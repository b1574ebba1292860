package io.switchboard.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password sign-in behind the login throttle: a locked username is refused before its password is even
 * checked, a wrong password counts a failure, a right one clears the count and stamps the last login.
 */
class ThrottledAuthentication implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final OperatorRepository operators;
    private final AuditTrail audit;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle, OperatorRepository operators,
                            AuditTrail audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.operators = operators;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = Operators.normalize(authentication.getName());
        var locked = throttle.lockedFor(username);
        if (locked.isPresent()) {
            throw new SignInLocked(locked.get());
        }
        try {
            Authentication result = passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    username, authentication.getCredentials()));
            throttle.reset(username);
            operators.touchLastLogin(username);
            return result;
        } catch (BadCredentialsException e) {
            var lock = throttle.recordFailure(username);
            if (lock.isPresent()) {
                audit.record(username, "login.locked", username, "after repeated failed sign-ins");
                throw new SignInLocked(lock.get());
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

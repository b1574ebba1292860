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
    private final SignInAttempts attempts;
    private final OperatorRepository operators;

    ThrottledAuthentication(AuthenticationProvider passwords, SignInAttempts attempts, OperatorRepository operators) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.operators = operators;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = Operators.normalize(authentication.getName());
        if (authentication.getCredentials() instanceof String password && Passwords.tooLong(password)) {
            throw new PasswordTooLong();
        }
        Authentication result = attempts.check(username, address(authentication), () -> passwords.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, authentication.getCredentials())));
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

package io.switchboard.identity;

import org.springframework.security.authentication.BadCredentialsException;

/** A password longer than bcrypt can check: refused without checking or counting it. */
class PasswordTooLong extends BadCredentialsException {
    PasswordTooLong() {
        super(Passwords.TOO_LONG);
    }
}

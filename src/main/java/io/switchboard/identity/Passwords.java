package io.switchboard.identity;

import java.nio.charset.StandardCharsets;

/** What every password must be, whoever sets it. */
final class Passwords {
    static final String TOO_LONG = "Use at most " + IdentitySettings.MAX_PASSWORD_BYTES + " bytes: bcrypt checks no "
            + "more (a letter such as é takes 2 bytes, an emoji 4).";

    private Passwords() {
    }

    static int bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length;
    }

    static boolean tooLong(String password) {
        return bytes(password) > IdentitySettings.MAX_PASSWORD_BYTES;
    }
}

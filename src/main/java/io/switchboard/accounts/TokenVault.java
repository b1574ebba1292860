package io.switchboard.accounts;

import io.switchboard.infrastructure.SecretBox;
import org.springframework.stereotype.Component;

/** Seals account tokens for the database and opens them for a call; the only place a token is decrypted. */
@Component
class TokenVault {
    private static final String PURPOSE = "account-token";
    private final SecretBox box;

    TokenVault(SecretBox box) {
        this.box = box;
    }

    SecretBox.Sealed seal(String token) {
        return box.seal(PURPOSE, token);
    }

    String open(SecretBox.Sealed sealed) {
        return box.open(PURPOSE, sealed);
    }

    SecretBox.Sealed reseal(SecretBox.Sealed sealed) {
        return box.reseal(PURPOSE, sealed);
    }

    String newestKeyId() {
        return box.keyId();
    }
}

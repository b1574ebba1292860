package io.switchboard.proxies;

import io.switchboard.infrastructure.SecretBox;
import org.springframework.stereotype.Component;

/** Seals proxy passwords for the database and opens them to use a proxy; the only place one is decrypted. */
@Component
class ProxyPasswords {
    private static final String PURPOSE = "proxy-password";
    private final SecretBox box;

    ProxyPasswords(SecretBox box) {
        this.box = box;
    }

    SecretBox.Sealed seal(String password) {
        return box.seal(PURPOSE, password);
    }

    /** @throws io.switchboard.infrastructure.SecretUnreadable when sealed with another key */
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

package io.switchboard.proxies;

import io.switchboard.infrastructure.SealedSecrets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The proxies module's part of a key rotation: its passwords, re-sealed in place under a row lock. */
@Component
class ProxyPasswordSealing implements SealedSecrets {
    private final ProxyRepository proxies;
    private final ProxyPasswords passwords;

    ProxyPasswordSealing(ProxyRepository proxies, ProxyPasswords passwords) {
        this.proxies = proxies;
        this.passwords = passwords;
    }

    @Override
    public String description() {
        return "proxy passwords";
    }

    @Override
    @Transactional(readOnly = true)
    public long sealedWithOlderKeys() {
        return proxies.countPasswordsSealedWithOtherKeys(passwords.newestKeyId());
    }

    @Override
    @Transactional
    public int resealSome(int limit) {
        var sealed = proxies.lockPasswordsSealedWithOtherKeys(passwords.newestKeyId(), limit);
        sealed.forEach((id, password) -> proxies.resealPassword(id, passwords.reseal(password)));
        return sealed.size();
    }
}

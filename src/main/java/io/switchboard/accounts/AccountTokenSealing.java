package io.switchboard.accounts;

import io.switchboard.infrastructure.SealedSecrets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's part of a key rotation: its tokens, re-sealed in place under a row lock. */
@Component
class AccountTokenSealing implements SealedSecrets {
    private final AccountRepository accounts;
    private final TokenVault vault;

    AccountTokenSealing(AccountRepository accounts, TokenVault vault) {
        this.accounts = accounts;
        this.vault = vault;
    }

    @Override
    public String description() {
        return "account tokens";
    }

    @Override
    @Transactional(readOnly = true)
    public long sealedWithOlderKeys() {
        return accounts.countTokensSealedWithOtherKeys(vault.newestKeyId());
    }

    @Override
    @Transactional
    public int resealSome(int limit) {
        var tokens = accounts.lockTokensSealedWithOtherKeys(vault.newestKeyId(), limit);
        tokens.forEach((id, sealed) -> accounts.resealTokens(id, new AccountRepository.SealedTokens(
                vault.reseal(sealed.access()), sealed.refresh() == null ? null : vault.reseal(sealed.refresh()))));
        return tokens.size();
    }
}

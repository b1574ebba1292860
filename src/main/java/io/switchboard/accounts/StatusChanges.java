package io.switchboard.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Sets an account's status and announces a change with {@link AccountStatusChanged}, in one transaction. */
@Component
class StatusChanges {
    private static final Logger log = LoggerFactory.getLogger(StatusChanges.class);
    private final AccountRepository accounts;
    private final ApplicationEventPublisher events;

    StatusChanges(AccountRepository accounts, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.events = events;
    }

    /** @return whether the status changed */
    @Transactional(propagation = Propagation.REQUIRED)
    boolean set(long accountId, AccountStatus status, String reason) {
        var before = accounts.setStatus(accountId, status, reason);
        if (before.isEmpty() || before.get() == status) {
            return false;
        }
        String username = accounts.find(accountId).map(Account::username).orElse("");
        log.info("Account {} (@{}) is now {} (was {}): {}", accountId, username, status, before.get(), reason);
        events.publishEvent(new AccountStatusChanged(accountId, username, before.get(), status, reason));
        return true;
    }
}

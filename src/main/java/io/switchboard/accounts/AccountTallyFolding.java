package io.switchboard.accounts;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the account tallies small: every minute, on one instance at a time, their rows are folded into one per status
 * and one per tag.
 */
@Component
class AccountTallyFolding {
    private final AccountRepository accounts;

    AccountTallyFolding(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "accounts.fold-tallies", lockAtMostFor = "PT5M")
    void fold() {
        accounts.foldStatusTally();
        accounts.foldTagTally();
    }
}

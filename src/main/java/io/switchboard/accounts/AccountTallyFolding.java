package io.switchboard.accounts;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the account status tally small: every minute, on one instance at a time, its rows are folded into one per status. */
@Component
class AccountTallyFolding {
    private final AccountRepository accounts;

    AccountTallyFolding(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "accounts.fold-status-tally", lockAtMostFor = "PT5M")
    void fold() {
        accounts.foldStatusTally();
    }
}

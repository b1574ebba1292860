package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import org.springframework.stereotype.Service;

/** An account's live publishing quota, asked of its platform's {@link Publisher} when a page wants it. */
@Service
public class PublishingQuotas {
    private final Accounts accounts;
    private final Publishers publishers;

    PublishingQuotas(Accounts accounts, Publishers publishers) {
        this.accounts = accounts;
        this.publishers = publishers;
    }

    /** @throws AccountProblem when there is no such account */
    public PlatformResult<PublishingQuota> of(long accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new AccountProblem("", "No account with id "
                + accountId + ": it may have been removed; reload the page."));
        return publishers.of(account.platform())
                .map(publisher -> publisher.quota(accounts.credentials(accountId)))
                .orElseGet(() -> new PlatformResult.Failed<>(new PlatformProblem.Refused(
                        "no adapter for " + account.platform().label() + " is installed")));
    }
}

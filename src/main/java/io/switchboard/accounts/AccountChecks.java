package io.switchboard.accounts;

import io.switchboard.tasks.Submitted;
import io.switchboard.tasks.TaskKind;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Submits the accounts' runners for a selection: one task per account on the {@code accounts} queue, at most
 * one live per account and kind (a second request joins the first), remembered for the account's page.
 */
@Component
class AccountChecks {
    static final String QUEUE = "accounts";
    static final TaskKind<TokenHealth.Check> HEALTH = TaskKind.of("accounts.token-health", TokenHealth.Check.class);
    static final TaskKind<ProfileAudit.Check> AUDIT = TaskKind.of("accounts.profile-audit", ProfileAudit.Check.class);
    /** A check whose egress proxy is down waits this long and runs again, instead of failing. */
    static final Duration ROUTE_WAIT = Duration.ofMinutes(5);
    private final Tasks tasks;
    private final AccountRepository accounts;

    AccountChecks(Tasks tasks, AccountRepository accounts) {
        this.tasks = tasks;
        this.accounts = accounts;
    }

    /** Submits health checks; returns the group they run in. */
    @Transactional
    String health(List<Long> accountIds) {
        accounts.healthRequested(accountIds);
        return submit(accountIds, HEALTH, TokenHealth.Check::new);
    }

    @Transactional
    String audit(List<Long> accountIds) {
        return submit(accountIds, AUDIT, ProfileAudit.Check::new);
    }

    private <P> String submit(List<Long> accountIds, TaskKind<P> kind, LongFunction<P> payload) {
        String group = kind.name() + ":" + UUID.randomUUID();
        List<TaskRequest<P>> requests = new ArrayList<>();
        for (long id : accountIds) {
            requests.add(TaskRequest.of(kind, payload.apply(id)).withQueue(QUEUE).withMaxAttempts(3)
                    .withUniqueKey(kind.name() + ":" + id).withGroup(group));
        }
        List<Submitted> submitted = tasks.submitAll(requests);
        Map<Long, Long> taskByAccount = new LinkedHashMap<>();
        for (int i = 0; i < accountIds.size(); i++) {
            taskByAccount.put(accountIds.get(i), submitted.get(i).id());
        }
        accounts.recordTasks(taskByAccount, kind.name());
        return group;
    }
}

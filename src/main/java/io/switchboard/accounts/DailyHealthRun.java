package io.switchboard.accounts;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/** Once a day, on one instance of the cluster, every account that is not disabled gets a token health check. */
@Component
class DailyHealthRun {
    private static final Logger log = LoggerFactory.getLogger(DailyHealthRun.class);
    private static final int BATCH = 500;
    private final AccountRepository accounts;
    private final AccountChecks checks;
    private final ImportRepository imports;

    private final ImportChecks importChecks;

    DailyHealthRun(AccountRepository accounts, AccountChecks checks, ImportRepository imports, ImportChecks importChecks) {
        this.importChecks = importChecks;
        this.accounts = accounts;
        this.checks = checks;
        this.imports = imports;
    }

    @Scheduled(cron = "${switchboard.accounts.health-cron:0 30 3 * * *}", zone = "UTC")
    @SchedulerLock(name = "accounts.daily-health", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    void run() {
        List<Long> ids = accounts.idsNotDisabled();
        for (int from = 0; from < ids.size(); from += BATCH) {
            checks.health(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
        imports.pruneOld();
        importChecks.pruneOld();
        log.info("Daily token health check submitted for {} account(s)", ids.size());
    }
}

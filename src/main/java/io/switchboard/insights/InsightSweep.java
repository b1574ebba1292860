package io.switchboard.insights;

import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Platform;
import io.switchboard.tasks.Tasks;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * On one instance at a time: hands every account with due insights to the task engine (one task per account; a
 * second submit joins the live one), and once an hour starts the daily account insights of active accounts not
 * collected yet.
 */
@Component
class InsightSweep {
    private static final int ACCOUNTS_PER_SWEEP = 2000;
    private final PostInsights posts;
    private final AccountDays days;
    private final Accounts accounts;
    private final Tasks tasks;
    private final Clock clock;
    private volatile OffsetDateTime registeredAt = OffsetDateTime.MIN;

    InsightSweep(PostInsights posts, AccountDays days, Accounts accounts, Tasks tasks, ObjectProvider<Clock> clock) {
        this.posts = posts;
        this.days = days;
        this.accounts = accounts;
        this.tasks = tasks;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Scheduled(fixedDelayString = "${switchboard.insights.sweep-interval:1m}", initialDelayString = "${switchboard.insights.sweep-interval:1m}")
    @SchedulerLock(name = "insights.sweep", lockAtMostFor = "PT5M")
    void sweep() {
        submitDue();
    }

    /** Submits the due accounts' collections; returns how many accounts were due. */
    @Transactional
    int submitDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (registeredAt.isBefore(now.minusHours(1))) {
            for (Platform platform : Platform.values()) {
                days.register(accounts.ids(new AccountFilter(AccountStatus.ACTIVE, null, null, platform)), platform, now);
            }
            registeredAt = now;
        }
        Set<Long> due = new LinkedHashSet<>(posts.accountsDue(now, ACCOUNTS_PER_SWEEP));
        due.addAll(days.accountsDue(now, ACCOUNTS_PER_SWEEP));
        tasks.submitAll(due.stream().map(CollectInsights::request).toList());
        return due.size();
    }
}

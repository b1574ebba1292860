package io.switchboard.publishing;

import io.switchboard.accounts.AccountStatusChanged;
import org.springframework.context.ApplicationEventPublisher;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.proxies.ProxyStatusChanged;
import io.switchboard.tasks.Tasks;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import static switchboard.jooq.Tables.CAMPAIGN_POST;

/**
 * Holding an account's posts back while it cannot publish (its token was refused, the platform restricted
 * it, its egress route is down) with the reason shown on each post, and letting them go on when it can: an
 * account's posts when the account is active again, a route's posts when its proxy is up again or, failing
 * any news, every {@code proxy-wait} to try once more.
 */
@Component
class PostHolds {
    private static final Logger log = LoggerFactory.getLogger(PostHolds.class);
    private final PostRepository posts;
    private final ApplicationEventPublisher events;
    private final Tasks tasks;
    private final PublishingSettings settings;
    private final TransactionTemplate transactions;

    PostHolds(PostRepository posts, Tasks tasks, PublishingSettings settings, TransactionTemplate transactions,
              ApplicationEventPublisher events) {
        this.events = events;
        this.posts = posts;
        this.tasks = tasks;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** Why posts are held, which decides what lets them go. */
    enum Hold {
        /** The account cannot publish (token refused, permission missing, restricted). */
        ACCOUNT,
        /** The account's egress route (its proxy) is down. */
        ROUTE;

        String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Pauses the account's posts that have not gone out yet, in every campaign, with the reason. */
    @Transactional
    void pauseAccount(long accountId, Hold hold, String reason) {
        List<Long> paused = posts.pauseAccount(accountId, hold, reason);
        if (!paused.isEmpty()) {
            log.info("Paused {} post(s) of account {}: {}", paused.size(), accountId, reason);
            events.publishEvent(new PostsHeld(accountId, paused, hold.dbValue(), reason));
        }
    }

    /** The account can publish again (reconnected, or restored): its paused posts go on. */
    @ApplicationModuleListener
    void on(AccountStatusChanged changed) {
        if (changed.to().canPublish()) {
            int resumed = resume(CAMPAIGN_POST.ACCOUNT_ID.eq(changed.accountId())
                    .and(CAMPAIGN_POST.HELD_FOR.eq(Hold.ACCOUNT.dbValue())));
            if (resumed > 0) {
                log.info("Account @{} is {} again: {} paused post(s) go on", changed.username(), changed.to(), resumed);
            }
        }
    }

    /**
     * A proxy is up again: every post held for a down route tries again (those whose route is still down are
     * held again at their first call, without reaching the platform).
     */
    @ApplicationModuleListener
    void on(ProxyStatusChanged changed) {
        if (changed.from() == ProxyStatus.DOWN && changed.to() != ProxyStatus.DOWN) {
            int resumed = resume(CAMPAIGN_POST.HELD_FOR.eq(Hold.ROUTE.dbValue()));
            if (resumed > 0) {
                log.info("Proxy {} is {} again: {} held post(s) try again", changed.label(), changed.to(), resumed);
            }
        }
    }

    /**
     * Posts held for a route that has been down a while try again (cluster-wide, one instance at a time): a
     * route still down holds them again at once, one that came back lets them go.
     */
    @Scheduled(fixedDelayString = "${switchboard.publishing.route-check:1m}", initialDelayString = "PT20S")
    @SchedulerLock(name = "publishing.route-holds", lockAtMostFor = "PT5M")
    void retryRouteHolds() {
        int resumed = resumeRoutes(OffsetDateTime.now().minus(settings.proxyWait()));
        if (resumed > 0) {
            log.info("{} post(s) held for a down egress route try again", resumed);
        }
    }

    /**
     * Route holds paused before {@code heldBefore} go on, with their tasks, in one transaction; returns how many.
     * The transaction is opened here, not by an annotation: a call from this bean would bypass its proxy.
     */
    int resumeRoutes(OffsetDateTime heldBefore) {
        return transactions.execute(status -> resume(CAMPAIGN_POST.HELD_FOR.eq(Hold.ROUTE.dbValue())
                .and(CAMPAIGN_POST.UPDATED_AT.lt(heldBefore))));
    }

    /** Puts the paused posts among these back on their way (with their tasks); returns how many. */
    @Transactional
    int resume(Condition which) {
        var resumed = posts.unpause(which);
        tasks.submitAll(resumed.stream().map(PublishPost::request).toList());
        return resumed.size();
    }
}

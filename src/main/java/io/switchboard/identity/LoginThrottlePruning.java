package io.switchboard.identity;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes sign-in counts nobody added to for longer than they are kept, on one instance at a time. */
@Component
class LoginThrottlePruning {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottlePruning.class);
    private final LoginThrottle throttle;

    LoginThrottlePruning(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @SchedulerLock(name = "identity.prune-login-throttle", lockAtMostFor = "PT5M")
    void prune() {
        int pruned = throttle.prune();
        if (pruned > 0) {
            log.debug("Pruned {} old sign-in counts", pruned);
        }
    }
}

package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a run's result: the history row, the proxy's new status and reason, and, when the status changed (or a
 * DOWN proxy's reason did), a new routing version and {@link ProxyStatusChanged}.
 */
@Component
class ProxyCheckResults {
    private final ProxyRepository proxies;
    private final ProxyCheckRepository checks;
    private final ProxyRoutingRepository routing;
    private final ProxyVerdicts verdicts;
    private final ProxyRoutes routes;
    private final ApplicationEventPublisher events;

    ProxyCheckResults(ProxyRepository proxies, ProxyCheckRepository checks, ProxyRoutingRepository routing,
                      ProxyVerdicts verdicts, ProxyRoutes routes, ApplicationEventPublisher events) {
        this.proxies = proxies;
        this.checks = checks;
        this.routing = routing;
        this.verdicts = verdicts;
        this.routes = routes;
        this.events = events;
    }

    /** Empty when the proxy was deleted meanwhile. */
    @Transactional
    Optional<ProxyCheck> record(long proxyId, @Nullable Long taskId, ProbeResult result) {
        Optional<ProxyRepository.CheckState> found = proxies.lockForCheck(proxyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProxyRepository.CheckState before = found.get();
        ProxyVerdicts.Verdict verdict = verdicts.judge(result, before.failuresInARow());
        boolean ipChanged = result.exitIp() != null && before.exitIp() != null
                && !before.exitIp().equals(result.exitIp());
        ProxyCheck check = checks.insert(proxyId, taskId, result, verdict.status(), ipChanged);
        boolean statusChanged = verdict.status() != before.status();
        proxies.applyCheck(proxyId, verdict, statusChanged, result);
        if (statusChanged || verdict.status() == ProxyStatus.DOWN && !Objects.equals(before.statusReason(), verdict.reason())) {
            routing.bump();
            routes.invalidateAfterCommit();
        }
        if (statusChanged) {
            events.publishEvent(new ProxyStatusChanged(proxyId, before.label(), before.status(), verdict.status(),
                    verdict.reason()));
        }
        return Optional.of(check);
    }
}

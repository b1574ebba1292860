package io.switchboard.proxies;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * On one instance of the cluster at a time: diagnostics of every enabled proxy about every
 * {@code diagnostics-interval}, and pruning of history older than {@code history-retention}.
 */
@Component
class ProxyHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(ProxyHousekeeping.class);
    private static final int BATCH = 500;
    private final ProxyRepository proxies;
    private final ProxyRoutingRepository routing;
    private final ProxyCheckRepository checks;
    private final ProxyImportRepository imports;
    private final ProxyDiagnosticsQueue diagnostics;
    private final ProxySettings settings;

    ProxyHousekeeping(ProxyRepository proxies, ProxyRoutingRepository routing, ProxyCheckRepository checks,
                      ProxyImportRepository imports, ProxyDiagnosticsQueue diagnostics, ProxySettings settings) {
        this.proxies = proxies;
        this.routing = routing;
        this.checks = checks;
        this.imports = imports;
        this.diagnostics = diagnostics;
        this.settings = settings;
    }

    @Scheduled(fixedRateString = "${switchboard.proxies.diagnostics-interval:5m}",
            initialDelayString = "${switchboard.proxies.diagnostics-interval:5m}")
    @SchedulerLock(name = "proxies.diagnostics", lockAtMostFor = "PT10M")
    void diagnoseAll() {
        if (!routing.claimScheduledRun(settings.diagnosticsInterval())) {
            return;
        }
        List<Long> ids = proxies.enabledIds();
        for (int from = 0; from < ids.size(); from += BATCH) {
            diagnostics.submit(ids.subList(from, Math.min(ids.size(), from + BATCH)), "schedule");
        }
        if (!ids.isEmpty()) {
            log.info("Scheduled diagnostics submitted for {} enabled prox(ies)", ids.size());
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "proxies.prune", lockAtMostFor = "PT30M")
    void prune() {
        int pruned = checks.pruneOlderThan(settings.historyRetention());
        imports.pruneOld();
        if (pruned > 0) {
            log.info("Removed {} proxy diagnostics result(s) older than {}", pruned, settings.historyRetention());
        }
    }
}

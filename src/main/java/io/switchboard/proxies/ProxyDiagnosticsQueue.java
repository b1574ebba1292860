package io.switchboard.proxies;

import io.switchboard.tasks.TaskKind;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Submits diagnostics runs: one task per proxy on the {@code proxies} queue, at most one live per proxy (a second
 * request joins the first), all of one request in one group.
 */
@Component
class ProxyDiagnosticsQueue {
    static final String QUEUE = "proxies";
    static final TaskKind<ProxyDiagnostics.Diagnose> KIND = TaskKind.of("proxies.diagnose", ProxyDiagnostics.Diagnose.class);
    private final Tasks tasks;

    ProxyDiagnosticsQueue(Tasks tasks) {
        this.tasks = tasks;
    }

    /** Returns the group the runs are in; {@code origin} says who asked ("operator", "schedule", "failure"). */
    @Transactional
    String submit(List<Long> proxyIds, String origin) {
        String group = KIND.name() + ":" + origin + ":" + UUID.randomUUID();
        tasks.submitAll(proxyIds.stream()
                .map(id -> TaskRequest.of(KIND, new ProxyDiagnostics.Diagnose(id)).withQueue(QUEUE).withMaxAttempts(3)
                        .withUniqueKey(KIND.name() + ":" + id).withGroup(group))
                .toList());
        return group;
    }
}

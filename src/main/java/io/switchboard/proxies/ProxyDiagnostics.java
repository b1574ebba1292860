package io.switchboard.proxies;

import io.switchboard.infrastructure.SecretUnreadable;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * The diagnostics runner: probes one proxy (see {@link ProxyProbe}) and keeps the result with the status the
 * thresholds give. A failing proxy is a result, not a failed task; the task fails only when the result cannot
 * be stored.
 */
@Component
class ProxyDiagnostics implements TaskHandler<ProxyDiagnostics.Diagnose> {
    private final ProxyRepository proxies;
    private final ProxyPasswords passwords;
    private final ProxyProbe probe;
    private final ProxyCheckResults results;

    ProxyDiagnostics(ProxyRepository proxies, ProxyPasswords passwords, ProxyProbe probe, ProxyCheckResults results) {
        this.proxies = proxies;
        this.passwords = passwords;
        this.probe = probe;
        this.results = results;
    }

    /** Diagnose this proxy. */
    record Diagnose(long proxyId) {
    }

    @Override
    public TaskKind<Diagnose> kind() {
        return ProxyDiagnosticsQueue.KIND;
    }

    @Override
    public Outcome handle(Diagnose diagnose, TaskContext context) {
        Optional<ProxyRepository.Routable> found = proxies.routable(diagnose.proxyId());
        if (found.isEmpty()) {
            return Outcome.cancelled("The proxy was deleted");
        }
        ProxyRepository.Routable proxy = found.get();
        Optional<ProxyCheck> check = results.record(proxy.id(), context.taskId(), probe(proxy));
        if (check.isEmpty()) {
            return Outcome.cancelled("The proxy was deleted");
        }
        ProxyStatus status = check.get().status();
        context.count(status.name().toLowerCase(Locale.ROOT), 1);
        String line = proxy.label() + ": " + status + ", " + check.get().outcome().label() + ": " + check.get().message();
        if (status == ProxyStatus.HEALTHY) {
            context.info(line);
        } else {
            context.warn(line);
        }
        return Outcome.completed();
    }

    private ProbeResult probe(ProxyRepository.Routable proxy) {
        String password;
        try {
            password = proxy.password() == null ? null : passwords.open(proxy.password());
        } catch (SecretUnreadable e) {
            return ProbeResult.failed(CheckOutcome.AUTH_FAILED, new Timings(), "the stored password cannot be "
                    + "decrypted with this instance's key: set the SWITCHBOARD_ENCRYPTION_KEY it was stored with, or "
                    + "enter the password again");
        }
        return probe.run(new ProxyEndpoint(proxy.scheme(), proxy.host(), proxy.port(), proxy.username(), password));
    }
}

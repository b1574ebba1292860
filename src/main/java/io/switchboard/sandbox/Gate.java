package io.switchboard.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What every sandbox call goes through before it does anything: the injected latency, the token check, the
 * usage count with its headers, throttling above 100 % usage, and injected faults. Throws {@link GraphFault}.
 */
@Component
@Conditional(SandboxEnabled.class)
class Gate {
    private final BehaviourStore behaviour;
    private final AccountStore accounts;
    private final SlowCalls slowCalls;

    Gate(BehaviourStore behaviour, AccountStore accounts, SlowCalls slowCalls) {
        this.behaviour = behaviour;
        this.accounts = accounts;
        this.slowCalls = slowCalls;
    }

    /** The account a valid token speaks for. */
    record Caller(long accountId, SandboxToken token) {
    }

    /** A call made with an account's token. */
    Caller enter(String call, @Nullable String token, HttpServletResponse response) {
        pause(call);
        if (token == null || token.isBlank()) {
            count(response, null, call);
            throw new GraphFault(2500, null, "An active access token must be used to query information about "
                    + "the current user.");
        }
        Optional<AccountStore.TokenAt> found = accounts.tokenAt(token);
        if (found.isEmpty() || !found.get().token().usableAt(found.get().now())) {
            count(response, null, call);
            throw invalid(found.map(AccountStore.TokenAt::token).orElse(null));
        }
        Caller caller = new Caller(found.get().token().accountId(), found.get().token());
        strike(call, caller.accountId(), count(response, caller.accountId(), call));
        return caller;
    }

    /** A call made with the app's credentials only (code exchange, token debugging, sandbox accounts). */
    void enterAsApp(String call, HttpServletResponse response) {
        pause(call);
        strike(call, null, count(response, null, call));
    }

    private void pause(String call) {
        slowCalls.pause(call, behaviour.recentSettings().latency());
    }

    /**
     * Counts the call, sets the usage headers and throws when the app or the account is throttled (one statement
     * besides the token's). Returns whether a live fault matches the call.
     */
    private boolean count(HttpServletResponse response, @Nullable Long accountId, String call) {
        int accountCount = accounts.recentCount();
        BehaviourStore.Counted counted = behaviour.count(call, accountId, accountCount);
        List<UsageFloor> floors = counted.floors();
        long appBudget = (long) counted.hourlyCallBudget() * Math.max(1, accountCount);
        int app = Math.max(floor(floors, UsageFloor.APP).map(UsageFloor::percent).orElse(0),
                percent(counted.appCalls(), appBudget));
        response.setHeader("X-App-Usage", usage(app));
        if (app >= 100) {
            throw GraphFault.of(FaultCatalog.entry(4, null));
        }
        if (accountId == null || counted.accountCalls() == null) {
            return counted.faults();
        }
        Optional<UsageFloor> floor = floor(floors, accountId.toString()).or(() -> floor(floors, UsageFloor.EVERY_ACCOUNT));
        int account = Math.max(floor.map(UsageFloor::percent).orElse(0),
                percent(counted.accountCalls(), counted.hourlyCallBudget()));
        int regain = floor.map(UsageFloor::regainMinutes).orElse(account >= 100 ? 10 : 0);
        response.setHeader("X-Business-Use-Case-Usage", "{\"" + accountId + "\":[{\"type\":\"instagram\","
                + usageFields(account) + ",\"estimated_time_to_regain_access\":" + regain + "}]}");
        if (account >= 100) {
            throw GraphFault.of(FaultCatalog.entry(80002, null));
        }
        return counted.faults();
    }

    private void strike(String call, @Nullable Long accountId, boolean faultsLive) {
        if (!faultsLive) {
            return;
        }
        Optional<Fault> fault = behaviour.strike(call, accountId);
        if (fault.isPresent()) {
            throw GraphFault.of(fault.get().entry());
        }
    }

    private static GraphFault invalid(@Nullable SandboxToken token) {
        if (token == null) {
            return new GraphFault(190, null, "Invalid OAuth access token - Cannot parse access token");
        }
        if (token.revokedAt() != null) {
            return new GraphFault(190, 460, FaultCatalog.entry(190, 460).message());
        }
        return new GraphFault(190, 463, "Error validating access token: Session has expired.");
    }

    private static Optional<UsageFloor> floor(List<UsageFloor> floors, String scope) {
        return floors.stream().filter(f -> f.scope().equals(scope)).findFirst();
    }

    private static int percent(long calls, long budget) {
        return (int) Math.min(100, calls * 100 / Math.max(1, budget));
    }

    private static String usage(int percent) {
        return "{" + usageFields(percent) + "}";
    }

    private static String usageFields(int percent) {
        return "\"call_count\":" + percent + ",\"total_cputime\":" + percent + ",\"total_time\":" + percent;
    }
}

package io.switchboard.dashboard;

import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.Proxy;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** What a change to proxies does to the accounts whose calls go through them, counted now, for confirmations. */
@Component
class RouteImpact {
    private final Proxies proxies;
    private final Accounts accounts;

    RouteImpact(Proxies proxies, Accounts accounts) {
        this.proxies = proxies;
        this.accounts = accounts;
    }

    /** Accounts that are not disabled and have no proxy of their own: they follow the default route. */
    int onDefaultRoute() {
        int working = 0;
        for (Map.Entry<AccountStatus, Integer> count : accounts.statusCounts().entrySet()) {
            working += count.getKey() == AccountStatus.DISABLED ? 0 : count.getValue();
        }
        return Math.max(0, working - proxies.assignedAccountCount());
    }

    /** "12 account(s) go out through eu-1 (4 assigned, 8 on the default route)". */
    String routedThrough(List<Proxy> chosen) {
        long defaultId = proxies.defaultProxy().map(Proxy::id).orElse(-1L);
        int assigned = chosen.stream().mapToInt(Proxy::accounts).sum();
        int onDefault = chosen.stream().anyMatch(p -> p.id() == defaultId) ? onDefaultRoute() : 0;
        String names = chosen.size() == 1 ? chosen.getFirst().label() : chosen.size() + " proxies";
        return (assigned + onDefault) + " account(s) go out through " + names + " (" + assigned + " assigned to "
                + (chosen.size() == 1 ? "it" : "them") + ", " + onDefault + " following the default route)";
    }
}

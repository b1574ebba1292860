package io.switchboard.proxies;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.infrastructure.Csv;
import io.switchboard.infrastructure.SecretBox;
import io.switchboard.infrastructure.SecretUnreadable;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Egress proxies: the inventory (queries for pages, add, edit, delete, enable, import, export), their diagnostics,
 * and which accounts' calls go out through which proxy. Commands need OPERATOR or ADMIN. Every change to routing
 * applies at once on this instance and within {@code switchboard.proxies.route-cache} on the others. Passwords
 * go in and are sealed; they never come out.
 */
@Service
public class Proxies {
    private static final String OPERATOR_COMMAND = "hasAnyRole('ADMIN', 'OPERATOR')";
    private static final int MAX_PAGE = 200;
    private final ProxyRepository proxies;
    private final ProxyCheckRepository checks;
    private final ProxyRoutingRepository routing;
    private final ProxyPasswords passwords;
    private final ProxyImport imports;
    private final ProxyDiagnosticsQueue diagnostics;
    private final ProxyRoutes routes;

    /** What operators set on a proxy, recorded before and after each change (never its password). */
    private static final String[] OPERATOR_FIELDS = {"label", "scheme", "host", "port", "username", "region", "tags",
            "enabled"};
    private final AuditTrail audit;

    Proxies(ProxyRepository proxies, ProxyCheckRepository checks, ProxyRoutingRepository routing,
            ProxyPasswords passwords, ProxyImport imports, ProxyDiagnosticsQueue diagnostics, ProxyRoutes routes,
            AuditTrail audit) {
        this.audit = audit;
        this.proxies = proxies;
        this.checks = checks;
        this.routing = routing;
        this.passwords = passwords;
        this.imports = imports;
        this.diagnostics = diagnostics;
        this.routes = routes;
    }

    // ---- queries

    public Optional<Proxy> find(long proxyId) {
        return proxies.find(proxyId);
    }

    /**
     * Proxies matching the filter in label order, {@code limit} (1..200) at a time.
     *
     * @param after the previous page's {@link ProxyPage#next()}, or null for the first page
     */
    public ProxyPage list(ProxyFilter filter, @Nullable String after, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        String afterLabel = cursor(after);
        List<Proxy> page = proxies.page(filter, afterLabel, size + 1);
        if (page.size() <= size) {
            return new ProxyPage(page, null);
        }
        List<Proxy> shown = List.copyOf(page.subList(0, size));
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                shown.getLast().label().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return new ProxyPage(shown, next);
    }

    /** The ids of every proxy matching the filter, in label order (for commands on a whole selection). */
    public List<Long> ids(ProxyFilter filter) {
        return proxies.ids(filter);
    }

    public Map<ProxyStatus, Integer> statusCounts() {
        return proxies.statusCounts();
    }

    /** Regions in use, with how many proxies are in each, by name. */
    public Map<String, Integer> regions() {
        return proxies.regionCounts();
    }

    /** Tags in use, with how many proxies carry each, by name. */
    public Map<String, Integer> tags() {
        return proxies.tagCounts();
    }

    /** The proxy's latest diagnostics runs, newest first. */
    public List<ProxyCheck> history(long proxyId, int limit) {
        return checks.latest(proxyId, Math.clamp(limit, 1, 1000));
    }

    /** The latest {@code perProxy} runs of each given proxy, oldest first (for sparklines); absent when none. */
    public Map<Long, List<ProxyCheck>> recentChecks(Collection<Long> proxyIds, int perProxy) {
        return checks.recent(proxyIds, Math.clamp(perProxy, 1, 200));
    }

    /** The ids of the accounts assigned to the proxy (not those using it as the default). */
    public List<Long> accountsUsing(long proxyId) {
        return routing.accountsOf(proxyId);
    }

    /** How many accounts have a proxy of their own; the others follow the default route. */
    public int assignedAccountCount() {
        return routing.assignedCount();
    }

    public Optional<Proxy> defaultProxy() {
        return routing.defaultProxy().flatMap(proxies::find);
    }

    /** How the account's calls leave the servers now. */
    public AccountRoute routeOf(long accountId) {
        Optional<Proxy> assigned = routing.proxyOf(accountId).flatMap(proxies::find);
        if (assigned.isPresent()) {
            return new AccountRoute(AccountRoute.Via.ASSIGNED, assigned.get());
        }
        return defaultProxy().map(p -> new AccountRoute(AccountRoute.Via.DEFAULT, p))
                .orElse(new AccountRoute(AccountRoute.Via.DIRECT, null));
    }

    /** How each of these accounts' calls leave the servers now, in a few queries however many accounts. */
    public Map<Long, AccountRoute> routesOf(Collection<Long> accountIds) {
        Map<Long, Long> assigned = routing.proxiesOf(accountIds);
        Optional<Long> fallback = routing.defaultProxy();
        Set<Long> wanted = new HashSet<>(assigned.values());
        fallback.ifPresent(wanted::add);
        Map<Long, Proxy> byId = new HashMap<>();
        proxies.findAll(wanted).forEach(p -> byId.put(p.id(), p));
        Proxy defaultProxy = fallback.map(byId::get).orElse(null);
        Map<Long, AccountRoute> routes = new LinkedHashMap<>();
        for (long accountId : accountIds) {
            Proxy own = assigned.containsKey(accountId) ? byId.get(assigned.get(accountId)) : null;
            routes.put(accountId, own != null ? new AccountRoute(AccountRoute.Via.ASSIGNED, own)
                    : defaultProxy != null ? new AccountRoute(AccountRoute.Via.DEFAULT, defaultProxy)
                    : new AccountRoute(AccountRoute.Via.DIRECT, null));
        }
        return routes;
    }

    /** Writes the matching proxies as CSV without passwords; the file can be imported again once they are added. */
    public void exportCsv(ProxyFilter filter, Writer out) {
        try {
            out.write(Csv.record(List.of("label", "scheme", "host", "port", "username", "region", "tags", "enabled",
                    "status", "status_reason", "checked_at", "latency_ms", "exit_ip", "accounts")));
            String after = null;
            do {
                ProxyPage page = list(filter, after, MAX_PAGE);
                for (Proxy p : page.proxies()) {
                    out.write(Csv.record(List.of(p.label(), p.scheme().urlScheme(), p.host(), String.valueOf(p.port()),
                            p.username() == null ? "" : p.username(), p.region(), String.join(";", p.tags()),
                            String.valueOf(p.enabled()), p.status().name(), p.statusReason(),
                            p.checkedAt() == null ? "" : p.checkedAt().toString(),
                            p.latencyMs() == null ? "" : p.latencyMs().toString(), p.exitIp() == null ? "" : p.exitIp(),
                            String.valueOf(p.accounts()))));
                }
                after = page.next();
            } while (after != null);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- commands

    /** Adds a proxy (UNTESTED until its first diagnostics, which start at once); returns its id. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public long add(ProxyDraft draft) {
        ProxySpec spec = ProxyFields.check(draft, null);
        unique(spec, null);
        long id = proxies.insert(spec, seal(spec));
        record("proxy.created", id, null, proxies.find(id).orElseThrow());
        routingChanged();
        diagnose(List.of(id));
        return id;
    }

    /**
     * Changes a proxy; a blank password keeps the stored one (a blank username removes both). Its diagnostics run
     * again when the endpoint or credentials changed.
     */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void update(long proxyId, ProxyDraft draft) {
        Proxy before = proxies.find(proxyId).orElseThrow(() -> missing(proxyId));
        String kept = storedPassword(proxyId, draft);
        ProxySpec spec = ProxyFields.check(draft, kept);
        unique(spec, proxyId);
        proxies.update(proxyId, spec, seal(spec));
        Proxy after = proxies.find(proxyId).orElseThrow();
        AuditRecord record = AuditRecord.of("proxy.updated", "proxy", proxyId).target(after.label())
                .compare(before, after, OPERATOR_FIELDS);
        if (!Objects.equals(kept, spec.password())) {
            record = record.change("password", "(kept)", spec.password() == null ? "(removed)" : "(changed)");
        }
        audit.record(record);
        routingChanged();
        boolean endpointChanged = !before.url().equals(spec.url()) || !Objects.equals(kept, spec.password());
        if (endpointChanged) {
            diagnose(List.of(proxyId));
        }
    }

    /** Deletes a proxy and its history. Refused while accounts are assigned to it or it is the default. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void delete(long proxyId) {
        Proxy proxy = proxies.find(proxyId).orElseThrow(() -> missing(proxyId));
        if (routing.defaultProxy().filter(id -> id == proxyId).isPresent()) {
            throw new ProxyProblem("", proxy.label() + " is the default proxy: choose another default (or direct) "
                    + "on the Proxies page first.");
        }
        if (proxy.accounts() > 0) {
            throw new ProxyProblem("", proxy.accounts() + " account(s) are routed through " + proxy.label()
                    + ": assign them another proxy (or remove their assignment) first.");
        }
        proxies.delete(proxyId);
        record("proxy.deleted", proxyId, proxy, null);
        routingChanged();
    }

    /** Enables or disables proxies; returns how many changed. Accounts routed through a disabled proxy wait. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int setEnabled(List<Long> proxyIds, boolean enabled) {
        List<Proxy> before = proxies.findAll(proxyIds);
        int changed = proxyIds.isEmpty() ? 0 : proxies.setEnabled(proxyIds, enabled);
        for (Proxy was : before) {
            if (was.enabled() != enabled) {
                record(enabled ? "proxy.enabled" : "proxy.disabled", was.id(), was, proxies.find(was.id()).orElseThrow());
            }
        }
        routingChanged();
        return changed;
    }

    /** Runs diagnostics of each proxy now; returns the task group they run in. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public String diagnose(List<Long> proxyIds) {
        if (proxyIds.isEmpty()) {
            throw new ProxyProblem("", "Select at least one proxy to diagnose.");
        }
        proxies.checkRequested(proxyIds);
        return diagnostics.submit(proxyIds, "operator");
    }

    /** Routes the accounts' calls through the proxy (replacing any proxy they had); returns how many changed. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int assign(List<Long> accountIds, long proxyId) {
        proxies.find(proxyId).orElseThrow(() -> missing(proxyId));
        Map<Long, AccountRoute> before = routesOf(accountIds);
        int changed = accountIds.isEmpty() ? 0 : routing.assign(accountIds, proxyId, actor());
        recordRoutes(before);
        routingChanged();
        return changed;
    }

    /** The accounts' calls follow the default route again; returns how many had a proxy of their own. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int unassign(List<Long> accountIds) {
        Map<Long, AccountRoute> before = routesOf(accountIds);
        int changed = accountIds.isEmpty() ? 0 : routing.unassign(accountIds);
        recordRoutes(before);
        routingChanged();
        return changed;
    }

    /** The proxy for calls of accounts without one of their own (and for calls made for no account); null: direct. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void setDefault(@Nullable Long proxyId) {
        if (proxyId != null) {
            proxies.find(proxyId).orElseThrow(() -> missing(proxyId));
        }
        String before = routing.defaultProxy().flatMap(proxies::find).map(Proxy::label).orElse("direct");
        routing.setDefault(proxyId, actor());
        String after = routing.defaultProxy().flatMap(proxies::find).map(Proxy::label).orElse("direct");
        audit.record(AuditRecord.of("route.default", "route", null).target("default route")
                .change("default_route", before, after));
        routingChanged();
    }

    private void record(String action, long proxyId, @Nullable Proxy before, @Nullable Proxy after) {
        Proxy named = after != null ? after : Objects.requireNonNull(before);
        audit.record(AuditRecord.of(action, "proxy", proxyId).target(named.label()).compare(before, after, OPERATOR_FIELDS));
    }

    /** One record per account whose way out changed: "direct" → "proxy-1 (its own)". */
    private void recordRoutes(Map<Long, AccountRoute> before) {
        Map<Long, AccountRoute> after = routesOf(before.keySet());
        before.forEach((accountId, was) -> {
            String from = words(was);
            String to = words(after.get(accountId));
            if (!from.equals(to)) {
                audit.record(AuditRecord.of("account.route", "account", accountId).change("route", from, to));
            }
        });
    }

    private static String words(@Nullable AccountRoute route) {
        if (route == null || route.proxy() == null) {
            return "direct";
        }
        return route.proxy().label() + (route.via() == AccountRoute.Via.ASSIGNED ? " (its own)" : " (the default)");
    }

    /** Checks an import (proxy URLs, one per line, or CSV) line by line without adding anything. */
    @PreAuthorize(OPERATOR_COMMAND)
    public ProxyImportPreview previewImport(String text) {
        return imports.preview(text, actor());
    }

    /** Adds every proxy of a checked import without errors, or none; their diagnostics start. Returns how many. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int commitImport(UUID importId) {
        List<Long> added = imports.commit(importId, actor());
        routingChanged();
        diagnose(added);
        return added.size();
    }

    /** The stored password, to keep when the form leaves the field blank. */
    private @Nullable String storedPassword(long proxyId, ProxyDraft draft) {
        try {
            return proxies.password(proxyId).map(passwords::open).orElse(null);
        } catch (SecretUnreadable e) {
            if (draft.password() == null || draft.password().isEmpty()) {
                throw new ProxyProblem("password", "The stored password cannot be decrypted with this instance's "
                        + "encryption key: enter it again.");
            }
            return null;
        }
    }

    private void unique(ProxySpec spec, @Nullable Long except) {
        proxies.withLabel(spec.label(), except).ifPresent(id -> {
            throw new ProxyProblem("label", "Another proxy is labelled " + spec.label() + ": choose another label.");
        });
        proxies.withEndpoint(spec, except).ifPresent(id -> {
            throw new ProxyProblem("host", spec.url() + " is in the inventory already (proxy #" + id + ").");
        });
    }

    private SecretBox.@Nullable Sealed seal(ProxySpec spec) {
        return spec.password() == null ? null : passwords.seal(spec.password());
    }

    private void routingChanged() {
        routing.bump();
        routes.invalidateAfterCommit();
    }

    private static @Nullable String cursor(@Nullable String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }

    private static ProxyProblem missing(long proxyId) {
        return new ProxyProblem("", "No proxy with id " + proxyId + ": it may have been deleted; reload the page.");
    }
}

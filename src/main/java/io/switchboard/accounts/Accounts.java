package io.switchboard.accounts;

import io.switchboard.identity.CurrentOperator;
import io.switchboard.infrastructure.Csv;
import io.switchboard.infrastructure.FieldChecks;
import io.switchboard.platform.GraphCredentials;
import io.switchboard.platform.GraphProblem;
import io.switchboard.platform.GraphResult;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.PlatformMode;
import io.switchboard.platform.SandboxGrant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Connected accounts: queries for pages and the publisher, the credentials to call the platform for an
 * account, status commands (with {@link AccountStatusChanged}), connecting, importing, exporting, and the
 * health and audit runners for a selection. Commands an operator gives need OPERATOR or ADMIN; the status
 * commands the publisher gives from its runners need no signed-in operator.
 */
@Service
public class Accounts {
    private static final String OPERATOR_COMMAND = "hasAnyRole('ADMIN', 'OPERATOR')";
    private static final int MAX_PAGE = 200;
    private final AccountRepository accounts;
    private final TokenVault vault;
    private final StatusChanges statuses;
    private final AccountConnector connector;
    private final AccountImport imports;
    private final AccountChecks checks;
    private final InstagramGraph graph;

    Accounts(AccountRepository accounts, TokenVault vault, StatusChanges statuses, AccountConnector connector,
             AccountImport imports, AccountChecks checks, InstagramGraph graph) {
        this.accounts = accounts;
        this.vault = vault;
        this.statuses = statuses;
        this.connector = connector;
        this.imports = imports;
        this.checks = checks;
        this.graph = graph;
    }

    // ---- queries

    public Optional<Account> find(long accountId) {
        return accounts.find(accountId);
    }

    /** Usernames by account id, for those of {@code accountIds} that exist. */
    public Map<Long, String> usernames(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? Map.of() : accounts.usernames(accountIds);
    }

    /**
     * Accounts matching the filter in username order, {@code limit} (1..200) at a time.
     *
     * @param after the previous page's {@link AccountPage#next()}, or null for the first page
     */
    public AccountPage list(AccountFilter filter, @Nullable String after, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE);
        List<Account> page = accounts.page(filter, cursor(after), size + 1);
        if (page.size() <= size) {
            return new AccountPage(page, null);
        }
        List<Account> shown = page.subList(0, size);
        Account last = shown.getLast();
        String next = last.id() + ":" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(last.username().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return new AccountPage(List.copyOf(shown), next);
    }

    /** Every account carrying the tag, in username order. */
    public List<Account> byTag(String tag) {
        return accounts.page(new AccountFilter(null, tag, null), null, Integer.MAX_VALUE);
    }

    /** The ids of every account matching the filter, in username order (for bulk commands). */
    public List<Long> ids(AccountFilter filter) {
        return accounts.ids(filter);
    }

    /** Tags in use, with how many accounts carry each, by name. */
    public Map<String, Integer> tags() {
        return accounts.tagCounts();
    }

    public Map<AccountStatus, Integer> statusCounts() {
        return accounts.statusCounts();
    }

    /**
     * What the platform client needs to call on the account's behalf: its platform user id and its decrypted
     * token. Given whatever the account's status (check {@link Account#status()} before publishing). The token
     * is a secret: never log it, store it elsewhere, put it in a task payload or show it.
     *
     * @throws AccountProblem when there is no such account or its token cannot be decrypted with this key
     */
    public GraphCredentials credentials(long accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> missing(accountId));
        var sealed = accounts.token(accountId).orElseThrow(() -> missing(accountId));
        try {
            return new GraphCredentials(accountId, account.platformUserId(), vault.open(sealed));
        } catch (io.switchboard.infrastructure.SecretUnreadable e) {
            throw new AccountProblem("", "The token of @" + account.username() + " cannot be read: " + e.getMessage());
        }
    }

    /** The account's time zone (UTC unless an operator set another). */
    public ZoneId timeZone(long accountId) {
        return accounts.find(accountId).map(Account::timeZone).orElseThrow(() -> missing(accountId));
    }

    /** The latest tasks this module ran for the account, newest first. */
    public List<AccountTaskRef> recentTasks(long accountId, int limit) {
        return accounts.recentTasks(accountId, limit);
    }

    // ---- status commands (also from runners)

    /** The platform refused the account's token or a permission: stop its work until it is reconnected. */
    public boolean markNeedsReconnect(long accountId, String reason) {
        return statuses.set(accountId, AccountStatus.NEEDS_RECONNECT, reason);
    }

    /** The platform blocked or restricted the account: stop its publishing until an operator resolves it. */
    public boolean markRestricted(long accountId, String reason) {
        return statuses.set(accountId, AccountStatus.RESTRICTED, reason);
    }

    // ---- operator commands

    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public int disable(List<Long> accountIds) {
        String reason = "Disabled by " + actor();
        return (int) accountIds.stream().filter(id -> statuses.set(id, AccountStatus.DISABLED, reason)).count();
    }

    /** Back to ACTIVE (after a restriction was resolved, or a disable); a health check follows. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void enable(long accountId) {
        statuses.set(accountId, AccountStatus.ACTIVE, "");
        checks.health(List.of(accountId));
    }

    /** Submits a token health check for each account; returns the task group they run in. */
    @PreAuthorize(OPERATOR_COMMAND)
    public String checkHealth(List<Long> accountIds) {
        return checks.health(accountIds);
    }

    /** Submits a profile audit for each account; returns the task group they run in. */
    @PreAuthorize(OPERATOR_COMMAND)
    public String audit(List<Long> accountIds) {
        return checks.audit(accountIds);
    }

    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void addTag(List<Long> accountIds, String tag) {
        accounts.addTag(accountIds, List.of(AccountFields.tag("tag", tag)));
    }

    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void removeTag(List<Long> accountIds, String tag) {
        accounts.removeTag(accountIds, AccountFields.tag("tag", tag));
    }

    /**
     * Changes what the operator sets on an account. Every value is checked; if any is wrong nothing changes and
     * {@link AccountProblem} holds every mistake ({@link AccountProblem#all()}), each naming its field (timeZone,
     * tags, notes, desiredBiography, desiredWebsite).
     */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void update(long accountId, String timeZone, String tags, String notes, String desiredBiography,
                       String desiredWebsite) {
        accounts.find(accountId).orElseThrow(() -> missing(accountId));
        var checks = FieldChecks.of(AccountProblem.class);
        String zone = checks.check(() -> AccountFields.timeZone("timeZone", timeZone), "UTC");
        String checkedNotes = checks.check(() -> AccountFields.notes("notes", notes), "");
        String biography = checks.check(() -> AccountFields.biography("desiredBiography", desiredBiography), null);
        String website = checks.check(() -> AccountFields.website("desiredWebsite", desiredWebsite), null);
        List<String> tagList = checks.check(() -> AccountFields.tags("tags", tags), List.of());
        checks.throwIfAny(AccountProblem::new);
        accounts.updateSettings(accountId, zone, checkedNotes, biography, website);
        accounts.setTags(accountId, tagList);
    }

    /**
     * Connects (or reconnects) the account a pasted token opens, after checking it live; returns its id. The time
     * zone and tags are checked first, together, before the platform is asked about the token.
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public long connectWithToken(String token, String timeZone, String tags) {
        var checks = FieldChecks.of(AccountProblem.class);
        String zone = checks.check(() -> AccountFields.timeZone("timeZone", timeZone), "UTC");
        List<String> tagList = checks.check(() -> AccountFields.tags("tags", tags), List.of());
        checks.throwIfAny(AccountProblem::new);
        return connector.save(connector.check(token, null), ConnectedVia.TOKEN, AccountOptions.of(zone, tagList));
    }

    /** Finishes "Connect with Instagram": the code from the redirect becomes a stored 60-day token. */
    @PreAuthorize(OPERATOR_COMMAND)
    public long connectWithCode(String code, URI redirectUri) {
        return connector.save(connector.exchange(code, redirectUri), ConnectedVia.OAUTH, AccountOptions.of("UTC", List.of()));
    }

    /**
     * Sandbox mode only: creates {@code count} accounts in the sandbox and connects each through the ordinary
     * API calls (code exchange, long-lived token, profile). Returns their ids.
     */
    @PreAuthorize(OPERATOR_COMMAND)
    public List<Long> createSandboxAccounts(int count, String usernamePrefix, String tags, URI redirectUri) {
        if (graph.mode() != PlatformMode.SANDBOX) {
            throw new AccountProblem("", "Sandbox accounts exist only in sandbox mode.");
        }
        var checks = FieldChecks.of(AccountProblem.class);
        if (count < 1 || count > 500) {
            checks.add(new AccountProblem("count", "Create 1 to 500 sandbox accounts at a time."));
        }
        if (!usernamePrefix.matches("[a-z0-9._]{1,20}")) {
            checks.add(new AccountProblem("prefix", "A prefix is 1 to 20 lower-case letters, digits, dots or "
                    + "underscores (the usernames become prefix_1, prefix_2, …), such as demo or shop.eu."));
        }
        List<String> tagList = checks.check(() -> AccountFields.tags("tags", tags), List.of());
        checks.throwIfAny(AccountProblem::new);
        List<SandboxGrant> grants = switch (graph.createSandboxAccounts(count, usernamePrefix, redirectUri)) {
            case GraphResult.Ok<List<SandboxGrant>>(List<SandboxGrant> created) -> created;
            case GraphResult.Failed<List<SandboxGrant>>(GraphProblem problem) -> throw new AccountProblem("",
                    "The sandbox did not create the accounts: " + problem.error().summary());
        };
        List<Long> ids = new ArrayList<>();
        for (SandboxGrant grant : grants) {
            ids.add(connector.save(connector.exchange(grant.code(), redirectUri), ConnectedVia.SANDBOX,
                    AccountOptions.of("UTC", tagList)));
        }
        return ids;
    }

    /** Checks a CSV file row by row (tokens live) without importing anything. */
    @PreAuthorize(OPERATOR_COMMAND)
    public ImportPreview previewImport(String csv) {
        return imports.preview(csv, actor());
    }

    /** Imports every row of a previewed file without errors, or nothing; returns how many. */
    @PreAuthorize(OPERATOR_COMMAND)
    public int commitImport(UUID importId) {
        return imports.commit(importId, actor());
    }

    /** Writes the matching accounts as CSV, without tokens. */
    public void exportCsv(AccountFilter filter, Writer out) {
        try {
            out.write(Csv.record(List.of("username", "platform_user_id", "name", "status", "status_reason", "tags",
                    "time_zone", "notes", "desired_biography", "desired_website", "followers", "token_expires_at",
                    "connected_via", "created_at")));
            String after = null;
            do {
                AccountPage page = list(filter, after, MAX_PAGE);
                for (Account a : page.accounts()) {
                    out.write(Csv.record(List.of(a.username(), a.platformUserId(), a.name(), a.status().name(),
                            a.statusReason(), String.join(";", a.tags()), a.timeZone().getId(), a.notes(),
                            nullToEmpty(a.desiredBiography()), nullToEmpty(a.desiredWebsite()),
                            a.followers() == null ? "" : a.followers().toString(),
                            a.tokenExpiresAt() == null ? "" : a.tokenExpiresAt().toString(), a.connectedVia().name(),
                            a.createdAt().toString())));
                }
                after = page.next();
            } while (after != null);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AccountRepository.@Nullable Cursor cursor(@Nullable String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            int colon = after.indexOf(':');
            return new AccountRepository.Cursor(new String(Base64.getUrlDecoder().decode(after.substring(colon + 1)),
                    StandardCharsets.UTF_8), Long.parseLong(after.substring(0, colon)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse("system");
    }

    private static AccountProblem missing(long accountId) {
        return new AccountProblem("", "No account with id " + accountId + ": it may have been removed; reload the page.");
    }
}

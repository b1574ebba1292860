package io.switchboard.accounts;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.identity.CurrentOperator;
import io.switchboard.infrastructure.Csv;
import io.switchboard.infrastructure.FieldChecks;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Connected accounts of every platform: queries for pages and the publisher, the credentials to call the platform
 * for an account, status commands (with {@link AccountStatusChanged}), importing, exporting, and the health and
 * audit runners for a selection (connecting one account is {@link Connections}). Commands an operator gives need
 * OPERATOR or ADMIN; the status commands the publisher gives from its runners need no signed-in operator.
 */
@Service
public class Accounts {
    private static final char LEGACY_SEPARATOR = '|';
    private static final String OPERATOR_COMMAND = "hasAnyRole('ADMIN', 'OPERATOR')";
    private static final int MAX_PAGE = 200;
    private final AccountRepository accounts;
    private final TokenVault vault;
    private final StatusChanges statuses;
    private final AccountImport imports;
    private final AccountChecks checks;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    /** What operators set on an account, recorded before and after each change (never its tokens). */
    private static final String[] OPERATOR_FIELDS = {"status", "statusReason", "timeZone", "tags", "notes",
            "desiredBiography", "desiredWebsite"};
    private final AuditTrail audit;

    Accounts(AccountRepository accounts, TokenVault vault, StatusChanges statuses, AccountImport imports,
             AccountChecks checks, org.springframework.transaction.PlatformTransactionManager transactions,
             AuditTrail audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.vault = vault;
        this.statuses = statuses;
        this.imports = imports;
        this.checks = checks;
        // credentials are read inside callers' transactions, read-only ones too: the one-time split writes in its own
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // ---- queries

    public Optional<Account> find(long accountId) {
        return accounts.find(accountId);
    }

    /** Those of {@code accountIds} that exist, by id in the order asked (one round trip for all, not one each). */
    public Map<Long, Account> findAll(Collection<Long> accountIds) {
        Map<Long, Account> found = new java.util.HashMap<>();
        accounts.findAll(accountIds).forEach(a -> found.put(a.id(), a));
        Map<Long, Account> ordered = new java.util.LinkedHashMap<>();
        accountIds.forEach(id -> {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        });
        return ordered;
    }

    /** Usernames by account id, for those of {@code accountIds} that exist. */
    public Map<Long, String> usernames(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? Map.of() : accounts.usernames(accountIds);
    }

    /** The platform of each of {@code accountIds} that exists. */
    public Map<Long, Platform> platforms(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? Map.of() : accounts.platforms(accountIds);
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
        return accounts.page(new AccountFilter(null, tag, null, null), null, Integer.MAX_VALUE);
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
     * What the account's platform adapter needs to call on its behalf: its platform user id and its decrypted
     * token. Given whatever the account's status (check {@link Account#status()} before publishing). The token
     * is a secret: never log it, store it elsewhere, put it in a task payload or show it.
     *
     * @throws AccountProblem when there is no such account or its token cannot be decrypted with this key
     */
    public Credentials credentials(long accountId) {
        return credentials(accounts.find(accountId).orElseThrow(() -> missing(accountId)));
    }

    /**
     * {@link #credentials(long)} of an account the caller has just read: its tokens only, not the account again (a
     * publish run reads the account for its status, then its credentials, at every step of every post).
     *
     * @throws AccountProblem when the account no longer exists or its token cannot be decrypted with this key
     */
    public Credentials credentials(Account account) {
        // before V151 a refresh token was kept after a '|' in the access token's secret (no platform's token holds
        // one); such a secret is split into the two columns the first time it is read
        long accountId = account.id();
        var sealed = accounts.tokens(accountId).orElseThrow(() -> missing(accountId));
        try {
            String access = vault.open(sealed.access());
            if (sealed.refresh() != null) {
                return new Credentials(accountId, account.platformUserId(), access, vault.open(sealed.refresh()));
            }
            int packed = access.indexOf(LEGACY_SEPARATOR);
            if (packed < 0) {
                return new Credentials(accountId, account.platformUserId(), access);
            }
            String refresh = access.substring(packed + 1);
            access = access.substring(0, packed);
            var sealedAccess = vault.seal(access);
            var sealedRefresh = vault.seal(refresh);
            ownTransaction.executeWithoutResult(status ->
                    accounts.splitLegacyToken(accountId, sealed.access(), sealedAccess, sealedRefresh));
            return new Credentials(accountId, account.platformUserId(), access, refresh);
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
        return (int) accountIds.stream().filter(id -> recorded("account.disabled", id,
                () -> statuses.set(id, AccountStatus.DISABLED, reason))).count();
    }

    /** Back to ACTIVE (after a restriction was resolved, or a disable); a health check follows. */
    @Transactional
    @PreAuthorize(OPERATOR_COMMAND)
    public void enable(long accountId) {
        recorded("account.enabled", accountId, () -> statuses.set(accountId, AccountStatus.ACTIVE, ""));
        checks.health(List.of(accountId));
    }

    /** Runs a change of one account and records the fields operators set, before and after, when it changed any. */
    private boolean recorded(String action, long accountId, java.util.function.BooleanSupplier change) {
        Account before = accounts.find(accountId).orElse(null);
        boolean changed = change.getAsBoolean();
        Account after = accounts.find(accountId).orElse(null);
        if (before != null && after != null) {
            AuditRecord record = AuditRecord.of(action, "account", accountId).target("@" + after.username())
                    .compare(before, after, OPERATOR_FIELDS);
            if (!record.changes().isEmpty()) {
                audit.record(record);
            }
        }
        return changed;
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
        recorded("account.settings", accountId, () -> {
            accounts.updateSettings(accountId, zone, checkedNotes, biography, website);
            accounts.setTags(accountId, tagList);
            return true;
        });
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
            out.write(Csv.record(List.of("platform", "username", "platform_user_id", "name", "status", "status_reason", "tags",
                    "time_zone", "notes", "desired_biography", "desired_website", "followers", "token_expires_at",
                    "connected_via", "created_at")));
            String after = null;
            do {
                AccountPage page = list(filter, after, MAX_PAGE);
                for (Account a : page.accounts()) {
                    out.write(Csv.record(List.of(a.platform().label(), a.username(), a.platformUserId(), a.name(), a.status().name(),
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

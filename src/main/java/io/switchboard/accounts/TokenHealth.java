package io.switchboard.accounts;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The token health runner: checks one account's token against its platform, through that platform's adapters (what
 * the platform says of the token where it can, and a profile read), refreshes it when it expires within
 * {@code switchboard.accounts.refresh-within}, marks the account NEEDS_RECONNECT when the token is refused or a
 * permission is missing, RESTRICTED when the platform blocked it, and keeps the result on the account.
 */
@Component
class TokenHealth implements TaskHandler<TokenHealth.Check> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private final Accounts accounts;
    private final AccountRepository repository;
    private final PlatformPorts ports;
    private final TokenVault vault;
    private final StatusChanges statuses;
    private final AccountSettings settings;

    TokenHealth(Accounts accounts, AccountRepository repository, PlatformPorts ports, TokenVault vault,
                StatusChanges statuses, AccountSettings settings) {
        this.accounts = accounts;
        this.repository = repository;
        this.ports = ports;
        this.vault = vault;
        this.statuses = statuses;
        this.settings = settings;
    }

    /** Check the token of this account. */
    record Check(long accountId) {
    }

    @Override
    public TaskKind<Check> kind() {
        return AccountChecks.HEALTH;
    }

    @Override
    public Outcome handle(Check check, TaskContext context) {
        Account account = repository.find(check.accountId()).orElse(null);
        if (account == null) {
            return Outcome.cancelled("The account was removed");
        }
        if (account.status() == AccountStatus.DISABLED) {
            repository.health(account.id(), false, "Not checked: the account is disabled");
            return Outcome.completed();
        }
        Credentials credentials = accounts.credentials(account.id());
        TokenKeeper tokens = ports.tokens(account.platform());
        OffsetDateTime expiresAt = account.tokenExpiresAt();
        String lacking = "";
        switch (tokens.inspect(credentials)) {
            case PlatformResult.Ok<TokenFacts>(TokenFacts facts) when !facts.valid() -> {
                return reconnect(account, "The platform refused the token (it says the token is not valid): "
                        + "connect the account again", context);
            }
            case PlatformResult.Ok<TokenFacts>(TokenFacts facts) -> {
                expiresAt = facts.expiresAt() == null ? expiresAt : facts.expiresAt().atOffset(ZoneOffset.UTC);
                lacking = lacking(tokens, facts);
            }
            case PlatformResult.Failed<TokenFacts>(PlatformProblem problem) -> {
                return problem(account, problem, context);
            }
        }
        switch (ports.profiles(account.platform()).profile(credentials)) {
            case PlatformResult.Ok<Profile>(Profile profile) -> repository.updateProfile(account.id(), profile);
            case PlatformResult.Failed<Profile>(PlatformProblem problem) -> {
                return problem(account, problem, context);
            }
        }
        if (expiresAt != null) {
            repository.setTokenExpiry(account.id(), expiresAt);
        }
        String refreshed = refreshIfDue(account, tokens, credentials, expiresAt, context);
        String message = "Token valid" + (expiresAt == null ? "" : " until " + DAY.format(expiresAt.withOffsetSameInstant(ZoneOffset.UTC)))
                + "; profile read" + refreshed + lacking;
        repository.health(account.id(), true, message);
        if (account.status() == AccountStatus.NEEDS_RECONNECT) {
            statuses.set(account.id(), AccountStatus.ACTIVE, "");
        }
        context.info("@" + account.username() + ": " + message);
        return Outcome.completed();
    }

    /** The optional permissions the token lacks, each with what goes undone and what to do. */
    private static String lacking(TokenKeeper tokens, TokenFacts facts) {
        if (facts.scopes() == null) {
            return "";
        }
        StringBuilder lacking = new StringBuilder();
        new java.util.TreeMap<>(tokens.optionalPermissions()).forEach((permission, enables) -> {
            if (!facts.scopes().contains(permission)) {
                lacking.append("; the token lacks ").append(permission).append(", so ").append(enables)
                        .append(": connect the account again and allow it");
            }
        });
        return lacking.toString();
    }

    private String refreshIfDue(Account account, TokenKeeper tokens, Credentials credentials,
                                @Nullable OffsetDateTime expiresAt, TaskContext context) {
        if (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plus(settings.refreshWithin()))) {
            return "";
        }
        return switch (tokens.refresh(credentials)) {
            case PlatformResult.Ok<IssuedToken>(IssuedToken token) -> {
                OffsetDateTime until = token.expiresAt() == null ? null : token.expiresAt().atOffset(ZoneOffset.UTC);
                repository.replaceToken(account.id(), vault.seal(token.accessToken()),
                        token.refreshToken() == null ? null : vault.seal(token.refreshToken()), until, null, true);
                context.count("refreshed", 1);
                yield until == null ? "; refreshed" : "; refreshed, now valid until " + DAY.format(until);
            }
            case PlatformResult.Failed<IssuedToken>(PlatformProblem problem) -> {
                context.warn("Refreshing the token of @" + account.username() + " failed: " + problem.message());
                yield "; refresh failed (" + problem.message() + ")";
            }
        };
    }

    private Outcome problem(Account account, PlatformProblem problem, TaskContext context) {
        String summary = problem.message();
        return switch (problem) {
            case PlatformProblem.TokenRefused p -> reconnect(account, "The platform refused the token (" + summary
                    + "): connect the account again", context);
            case PlatformProblem.PermissionMissing p -> reconnect(account, "A permission is missing (" + summary
                    + "): connect the account again and grant every permission asked", context);
            case PlatformProblem.Restricted p -> {
                repository.health(account.id(), false, "Restricted by the platform: " + summary);
                statuses.set(account.id(), AccountStatus.RESTRICTED, "The platform restricted the account ("
                        + summary + "): resolve it in the " + account.platform().label()
                        + " app, then enable the account again");
                yield Outcome.completed();
            }
            case PlatformProblem.Throttled p -> Outcome.retryAt(p.until(), "The platform asks to wait: " + summary);
            case PlatformProblem.RouteDown p -> Outcome.retryAfter(AccountChecks.ROUTE_WAIT, summary);
            case PlatformProblem.Passing p -> Outcome.failed(summary);
            case PlatformProblem.Refused p -> {
                repository.health(account.id(), false, "Check failed: " + summary);
                context.warn("@" + account.username() + ": " + summary);
                yield Outcome.failedPermanently(summary);
            }
        };
    }

    private Outcome reconnect(Account account, String reason, TaskContext context) {
        repository.health(account.id(), false, reason);
        statuses.set(account.id(), AccountStatus.NEEDS_RECONNECT, reason);
        context.warn("@" + account.username() + ": " + reason);
        context.count("needs_reconnect", 1);
        return Outcome.completed();
    }
}

package io.switchboard.accounts;

import io.switchboard.platform.GraphCredentials;
import io.switchboard.platform.GraphProblem;
import io.switchboard.platform.GraphResult;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.LongLivedToken;
import io.switchboard.platform.Profile;
import io.switchboard.platform.TokenInfo;
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
 * The token health runner: checks one account's token against the platform (debug_token where the app can, and
 * a profile read), refreshes it when it expires within {@code switchboard.accounts.refresh-within}, marks the
 * account NEEDS_RECONNECT when the token is refused (190) or a permission is missing, RESTRICTED when the
 * platform blocked it, and keeps the result on the account.
 */
@Component
class TokenHealth implements TaskHandler<TokenHealth.Check> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private final Accounts accounts;
    private final AccountRepository repository;
    private final InstagramGraph graph;
    private final TokenVault vault;
    private final StatusChanges statuses;
    private final AccountSettings settings;

    TokenHealth(Accounts accounts, AccountRepository repository, InstagramGraph graph, TokenVault vault,
                StatusChanges statuses, AccountSettings settings) {
        this.accounts = accounts;
        this.repository = repository;
        this.graph = graph;
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
        GraphCredentials credentials = accounts.credentials(account.id());
        OffsetDateTime expiresAt = account.tokenExpiresAt();
        if (graph.oauthAvailable()) {
            switch (graph.debugToken(credentials)) {
                case GraphResult.Ok<TokenInfo>(TokenInfo info) when !info.valid() ->
                        { return reconnect(account, "The platform refused the token (debug_token: not valid): connect the "
                        + "account again", context); }
                case GraphResult.Ok<TokenInfo>(TokenInfo info) -> expiresAt = info.expiresAt() == null ? expiresAt
                        : info.expiresAt().atOffset(ZoneOffset.UTC);
                case GraphResult.Failed<TokenInfo>(GraphProblem problem) -> {
                    return problem(account, problem, context);
                }
            }
        }
        switch (graph.profile(credentials)) {
            case GraphResult.Ok<Profile>(Profile profile) -> repository.updateProfile(account.id(), profile);
            case GraphResult.Failed<Profile>(GraphProblem problem) -> {
                return problem(account, problem, context);
            }
        }
        if (expiresAt != null) {
            repository.setTokenExpiry(account.id(), expiresAt);
        }
        String refreshed = refreshIfDue(account, credentials, expiresAt, context);
        String message = "Token valid" + (expiresAt == null ? "" : " until " + DAY.format(expiresAt.withOffsetSameInstant(ZoneOffset.UTC)))
                + "; profile read" + refreshed;
        repository.health(account.id(), true, message);
        if (account.status() == AccountStatus.NEEDS_RECONNECT) {
            statuses.set(account.id(), AccountStatus.ACTIVE, "");
        }
        context.info("@" + account.username() + ": " + message);
        return Outcome.completed();
    }

    private String refreshIfDue(Account account, GraphCredentials credentials, @Nullable OffsetDateTime expiresAt,
                                TaskContext context) {
        if (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plus(settings.refreshWithin()))) {
            return "";
        }
        return switch (graph.refreshToken(credentials)) {
            case GraphResult.Ok<LongLivedToken>(LongLivedToken token) -> {
                OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plus(token.expiresIn());
                repository.replaceToken(account.id(), vault.seal(token.accessToken()), until, null, true);
                context.count("refreshed", 1);
                yield "; refreshed, now valid until " + DAY.format(until);
            }
            case GraphResult.Failed<LongLivedToken>(GraphProblem problem) -> {
                context.warn("Refreshing the token of @" + account.username() + " failed: " + problem.error().summary());
                yield "; refresh failed (" + problem.error().summary() + ")";
            }
        };
    }

    private Outcome problem(Account account, GraphProblem problem, TaskContext context) {
        String summary = problem.error().summary();
        return switch (problem) {
            case GraphProblem.TokenInvalid p -> reconnect(account, "The platform refused the token (" + summary
                    + "): connect the account again", context);
            case GraphProblem.PermissionMissing p -> reconnect(account, "A permission is missing (" + summary
                    + "): connect the account again and grant every permission asked", context);
            case GraphProblem.Blocked p -> {
                repository.health(account.id(), false, "Restricted by the platform: " + summary);
                statuses.set(account.id(), AccountStatus.RESTRICTED, "The platform restricted the account ("
                        + summary + "): resolve it in the Instagram app, then enable the account again");
                yield Outcome.completed();
            }
            case GraphProblem.Throttled p -> Outcome.retryAt(p.until(), "The platform asks to wait: " + summary);
            case GraphProblem.RouteUnavailable p -> Outcome.retryAfter(AccountChecks.ROUTE_WAIT, summary);
            case GraphProblem.Transient p -> Outcome.failed(summary);
            default -> {
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

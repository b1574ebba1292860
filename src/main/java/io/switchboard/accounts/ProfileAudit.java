package io.switchboard.accounts;

import io.switchboard.platform.GraphProblem;
import io.switchboard.platform.GraphResult;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.Profile;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The profile audit runner: reads an account's profile and notes where it drifted from the biography and
 * website the operator wants. The API cannot change a profile, so the page says what to change by hand.
 */
@Component
class ProfileAudit implements TaskHandler<ProfileAudit.Check> {
    private final Accounts accounts;
    private final AccountRepository repository;
    private final InstagramGraph graph;

    ProfileAudit(Accounts accounts, AccountRepository repository, InstagramGraph graph) {
        this.accounts = accounts;
        this.repository = repository;
        this.graph = graph;
    }

    /** Audit the profile of this account. */
    record Check(long accountId) {
    }

    @Override
    public TaskKind<Check> kind() {
        return AccountChecks.AUDIT;
    }

    @Override
    public Outcome handle(Check check, TaskContext context) {
        Account account = repository.find(check.accountId()).orElse(null);
        if (account == null) {
            return Outcome.cancelled("The account was removed");
        }
        return switch (graph.profile(accounts.credentials(account.id()))) {
            case GraphResult.Ok<Profile>(Profile profile) -> {
                repository.updateProfile(account.id(), profile);
                String drift = drift(account, profile);
                repository.drift(account.id(), drift);
                context.info("@" + profile.username() + ": " + (drift.isEmpty() ? "profile as desired" : drift));
                yield Outcome.completed();
            }
            case GraphResult.Failed<Profile>(GraphProblem.Throttled t) -> Outcome.retryAt(t.until(), t.error().summary());
            case GraphResult.Failed<Profile>(GraphProblem.Transient t) -> Outcome.failed(t.error().summary());
            case GraphResult.Failed<Profile>(GraphProblem.RouteUnavailable r) ->
                    Outcome.retryAfter(AccountChecks.ROUTE_WAIT, r.error().summary());
            case GraphResult.Failed<Profile>(GraphProblem problem) -> Outcome.failedPermanently(
                    "The profile of @" + account.username() + " could not be read: " + problem.error().summary());
        };
    }

    static String drift(Account account, Profile profile) {
        List<String> drift = new ArrayList<>();
        if (account.desiredBiography() != null && !account.desiredBiography().equals(profile.biography().strip())) {
            drift.add("Biography is \"" + profile.biography() + "\"; change it to \"" + account.desiredBiography()
                    + "\" in the Instagram app");
        }
        if (account.desiredWebsite() != null && !sameSite(account.desiredWebsite(), profile.website())) {
            drift.add("Website is \"" + profile.website() + "\"; change it to \"" + account.desiredWebsite()
                    + "\" in the Instagram app");
        }
        return String.join(". ", drift);
    }

    private static boolean sameSite(String desired, String actual) {
        return normalise(desired).equals(normalise(actual));
    }

    private static String normalise(String url) {
        return url.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/$", "");
    }
}

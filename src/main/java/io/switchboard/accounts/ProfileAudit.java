package io.switchboard.accounts;

import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The profile audit runner: reads an account's profile through its platform's adapter and notes where it drifted
 * from the biography and website the operator wants. The APIs cannot change a profile, so the page says what to
 * change by hand.
 */
@Component
class ProfileAudit implements TaskHandler<ProfileAudit.Check> {
    private final Accounts accounts;
    private final AccountRepository repository;
    private final PlatformPorts ports;

    ProfileAudit(Accounts accounts, AccountRepository repository, PlatformPorts ports) {
        this.accounts = accounts;
        this.repository = repository;
        this.ports = ports;
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
        return switch (ports.profiles(account.platform()).profile(accounts.credentials(account.id()))) {
            case PlatformResult.Ok<Profile>(Profile profile) -> {
                repository.updateProfile(account.id(), profile);
                String drift = drift(account, profile);
                repository.drift(account.id(), drift);
                context.info("@" + profile.username() + ": " + (drift.isEmpty() ? "profile as desired" : drift));
                yield Outcome.completed();
            }
            case PlatformResult.Failed<Profile>(PlatformProblem.Throttled t) -> Outcome.retryAt(t.until(), t.message());
            case PlatformResult.Failed<Profile>(PlatformProblem.Passing t) -> Outcome.failed(t.message());
            case PlatformResult.Failed<Profile>(PlatformProblem.RouteDown r) ->
                    Outcome.retryAfter(AccountChecks.ROUTE_WAIT, r.message());
            case PlatformResult.Failed<Profile>(PlatformProblem problem) -> Outcome.failedPermanently(
                    "The profile of @" + account.username() + " could not be read: " + problem.message());
        };
    }

    static String drift(Account account, Profile profile) {
        List<String> drift = new ArrayList<>();
        if (account.desiredBiography() != null && !account.desiredBiography().equals(profile.biography().strip())) {
            drift.add("Biography is \"" + profile.biography() + "\"; change it to \"" + account.desiredBiography()
                    + "\" in the " + account.platform().label() + " app");
        }
        if (account.desiredWebsite() != null && !sameSite(account.desiredWebsite(), profile.website())) {
            drift.add("Website is \"" + profile.website() + "\"; change it to \"" + account.desiredWebsite()
                    + "\" in the " + account.platform().label() + " app");
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

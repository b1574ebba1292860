package io.switchboard.insights;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.PlatformProblem;
import io.switchboard.platform.PlatformResult;
import io.switchboard.publishing.PublishingActivity;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collects one account's due insights through its platform's {@link MetricsFetcher}: first making way for publishing
 * (a post of the account going out, or due within {@code publishing-soon}, sends the task back to wait), then the due
 * posts, then the account's day. The platform's word decides the rest: a hold-off waits without using an attempt, a
 * missing permission, a refused token or a platform without an adapter skips the account (said on its page), media
 * the platform keeps no insights for ends that post's schedule.
 */
@Component
class Collector implements TaskHandler<CollectInsights> {
    private static final Duration ROUTE_WAIT = Duration.ofMinutes(5);
    private final Accounts accounts;
    private final Fetchers fetchers;
    private final PostInsights posts;
    private final AccountDays days;
    private final DemographicGroups demographics;
    private final PublishingActivity publishing;
    private final InsightsSettings settings;
    private final Clock clock;

    Collector(Accounts accounts, Fetchers fetchers, PostInsights posts, AccountDays days, DemographicGroups demographics,
              PublishingActivity publishing, InsightsSettings settings, ObjectProvider<Clock> clock) {
        this.demographics = demographics;
        this.accounts = accounts;
        this.fetchers = fetchers;
        this.posts = posts;
        this.days = days;
        this.publishing = publishing;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public TaskKind<CollectInsights> kind() {
        return CollectInsights.KIND;
    }

    @Override
    public Outcome handle(CollectInsights payload, TaskContext context) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Account> found = accounts.find(payload.accountId());
        if (found.isEmpty()) {
            days.skipped(payload.accountId(), now.plusYears(100), "The account was removed");
            posts.postpone(payload.accountId(), now, now.plusYears(100), "The account was removed");
            return Outcome.cancelled("The account was removed");
        }
        Account account = found.get();
        if (publishing.busy(account.id(), settings.publishingSoon())) {
            return Outcome.retryAt(now.plus(settings.publishingSoon()).toInstant(),
                    "Publishing goes first: a post of @" + account.username() + " is going out");
        }
        if (account.status() != AccountStatus.ACTIVE) {
            return skip(account, now, "Not collected while the account is " + account.status().name().toLowerCase()
                    .replace('_', ' ') + (account.statusReason().isBlank() ? "" : " (" + account.statusReason() + ")"),
                    context);
        }
        Optional<MetricsFetcher> fetcher = fetchers.of(account.platform());
        if (fetcher.isEmpty()) {
            return skip(account, now, "Switchboard does not collect " + account.platform().label()
                    + " insights yet: its adapter has no metrics reader", context);
        }
        Credentials credentials = accounts.credentials(account.id());
        for (DuePost post : posts.due(account.id(), now, settings.postsPerTask())) {
            if (context.cancelRequested() || !context.leaseHeld()) {
                return Outcome.cancelled("stopped between posts");
            }
            Outcome stop = post(account, fetcher.get(), credentials, post, context);
            if (stop != null) {
                return stop;
            }
        }
        if (days.due(account.id(), now)) {
            Outcome stop = day(account, fetcher.get(), credentials, context);
            if (stop != null) {
                return stop;
            }
        }
        return Outcome.completed();
    }

    private @Nullable Outcome post(Account account, MetricsFetcher fetcher, Credentials credentials, DuePost post,
                                   TaskContext context) {
        return switch (fetcher.post(credentials, post.mediaId(), post.type())) {
            case PlatformResult.Ok<PostMetrics>(PostMetrics metrics) -> {
                // Milliseconds, not seconds: two readings of one post (a "collect now" right after a scheduled one)
                // are two samples of its curve, not one that silently drops the second.
                OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
                posts.collected(post.postId(), metrics, at, Schedule.next(settings, post.type(), post.publishedAt(), at));
                context.count("posts", 1);
                yield null;
            }
            case PlatformResult.Failed<PostMetrics>(PlatformProblem.Refused refused) -> {
                posts.stop(post.postId(), "The platform keeps no more insights for this post: " + refused.message());
                context.warn("Post " + post.postId() + ": " + refused.message());
                context.count("ended", 1);
                yield null;
            }
            case PlatformResult.Failed<PostMetrics>(PlatformProblem problem) -> problem(account, fetcher, problem, context);
        };
    }

    private @Nullable Outcome day(Account account, MetricsFetcher fetcher, Credentials credentials, TaskContext context) {
        AccountMetrics metrics;
        switch (fetcher.account(credentials)) {
            case PlatformResult.Ok<AccountMetrics>(AccountMetrics ok) -> metrics = ok;
            case PlatformResult.Failed<AccountMetrics>(PlatformProblem problem) -> {
                return problem(account, fetcher, problem, context);
            }
        }
        // Demographics are read before the day is stored: a hold-off on one of their calls sends the whole day back
        // to wait, instead of leaving the day read and its demographics skipped until tomorrow.
        Map<Breakdown, Map<String, Long>> reading = new EnumMap<>(Breakdown.class);
        String unavailable = null;
        for (Breakdown breakdown : fetcher.demographicBreakdowns()) {
            switch (fetcher.followerDemographics(credentials, breakdown)) {
                case PlatformResult.Ok<Map<String, Long>>(Map<String, Long> groups) -> reading.put(breakdown, groups);
                case PlatformResult.Failed<Map<String, Long>>(PlatformProblem.Refused refused) ->
                        unavailable = refused.message();
                case PlatformResult.Failed<Map<String, Long>>(PlatformProblem problem) -> {
                    return problem(account, fetcher, problem, context);
                }
            }
            if (unavailable != null) {
                break;
            }
        }
        OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        if (fetcher.demographicBreakdowns().isEmpty()) {
            demographics.unavailable(account.id(), "No follower demographics: " + account.platform().label()
                    + " offers none through the API Switchboard uses", at);
        } else if (unavailable != null) {
            demographics.unavailable(account.id(), "No follower demographics: " + unavailable, at);
        } else {
            demographics.replace(account.id(), reading, at);
        }
        days.collected(account.id(), metrics, at, CollectionTimes.nextDay(account.id(), at));
        context.count("accounts", 1);
        return null;
    }

    private Outcome problem(Account account, MetricsFetcher fetcher, PlatformProblem problem, TaskContext context) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return switch (problem) {
            case PlatformProblem.Throttled p -> Outcome.retryAt(p.until(), "The platform asks to wait: " + p.message());
            case PlatformProblem.RouteDown p -> Outcome.retryAfter(ROUTE_WAIT, p.message());
            case PlatformProblem.Passing p -> Outcome.failed(p.message());
            case PlatformProblem.PermissionMissing p -> skip(account, now, "Insights are not collected: the account "
                    + "did not grant " + fetcher.permission() + ". Connect it again and allow access to insights", context);
            case PlatformProblem.TokenRefused p -> skip(account, now, "Insights are not collected: the platform "
                    + "refused the token (" + p.message() + "). Connect the account again", context);
            case PlatformProblem.Restricted p -> skip(account, now, "Insights are not collected: the platform "
                    + "restricted the account (" + p.message() + ")", context);
            case PlatformProblem.Refused p -> skip(account, now, "Insights are not collected: " + p.message(), context);
        };
    }

    private Outcome skip(Account account, OffsetDateTime now, String reason, TaskContext context) {
        OffsetDateTime until = now.plus(settings.retryAfter());
        int postponed = posts.postpone(account.id(), now, until, reason);
        days.skipped(account.id(), until, reason);
        context.info("@" + account.username() + " skipped (" + postponed + " post(s) wait): " + reason);
        context.count("skipped", 1);
        return Outcome.completed();
    }
}

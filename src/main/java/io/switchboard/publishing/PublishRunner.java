package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Credentials;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Publishes one post, a step per run, through the {@link Publisher} of the account's platform, and keeps the post's
 * bookkeeping: what the platform handed back stored before anything else, looks at it spaced out (each look a
 * rescheduled run, no thread waits), the spacing between an account's posts and its daily window (checked before
 * making anything and again before publishing), waits for the quota, holds, failures, and the record of a post an
 * interrupted run published. Whatever instance dies at whatever moment, a post is never
 * published twice: the request to publish is recorded before the call that publishes, and a run that finds it
 * recorded lets the publisher ask the platform first (see {@link Publisher}'s contract).
 */
@Component
class PublishRunner implements TaskHandler<PublishPost> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PublishRunner.class);
    private static final Duration RECOVERY_LOOK = Duration.ofSeconds(10);
    private final PostRepository posts;
    private final PostOutcomes outcomes;
    private final CampaignRepository campaigns;
    private final Accounts accounts;
    private final Publishers publishers;
    private final PostContents contents;
    private final PostHolds holds;
    private final PublishingSettings settings;
    private final Waits waits;
    private final PostPublications publications;
    private final FollowUps followUps;
    private final FirstLooks firstLooks;

    PublishRunner(PostRepository posts, CampaignRepository campaigns, Accounts accounts, Publishers publishers,
                  PostContents contents, PostHolds holds, PublishingSettings settings, Waits waits,
                  PostPublications publications, FollowUps followUps, PostOutcomes outcomes, FirstLooks firstLooks) {
        this.firstLooks = firstLooks;
        this.publications = publications;
        this.followUps = followUps;
        this.outcomes = outcomes;
        this.posts = posts;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.publishers = publishers;
        this.contents = contents;
        this.holds = holds;
        this.settings = settings;
        this.waits = waits;
    }

    @Override
    public TaskKind<PublishPost> kind() {
        return PublishPost.KIND;
    }

    @Override
    public Outcome handle(PublishPost payload, TaskContext context) {
        Optional<CampaignPost> found = posts.find(payload.postId());
        if (found.isEmpty()) {
            return Outcome.failedPermanently("Post " + payload.postId() + " no longer exists.");
        }
        CampaignPost post = found.get();
        if (post.status() == PostStatus.PUBLISHED) {
            return followUp(post, context);
        }
        if (post.status().finished()) {
            return Outcome.completed();
        }
        if (post.status() == PostStatus.PAUSED) {
            context.info("Held: " + post.statusReason());
            return Outcome.completed();
        }
        Campaign campaign = campaigns.find(post.campaignId()).orElseThrow();
        if (campaign.status() == CampaignStatus.CANCELLED) {
            posts.status(post.id(), PostStatus.CANCELLED, "The campaign was cancelled.");
            return Outcome.completed();
        }
        Account account = accounts.find(post.accountId()).orElse(null);
        if (account == null) {
            posts.status(post.id(), PostStatus.FAILED, "The account was removed from Switchboard.");
            return Outcome.failedPermanently("account " + post.accountId() + " no longer exists");
        }
        if (!account.status().canPublish()) {
            holds.pauseAccount(account.id(), PostHolds.Hold.ACCOUNT, "@" + account.username() + " cannot publish: "
                    + account.statusReason() + ". Reconnect or fix the account; its posts resume when it is active again.");
            context.info("Paused: the account cannot publish (" + account.status() + ")");
            return Outcome.completed();
        }
        Optional<Publisher> publisher = publishers.of(account.platform());
        if (publisher.isEmpty()) {
            return fail(post.id(), "Switchboard cannot publish to " + account.platform().label() + " accounts: "
                    + "no adapter for the platform is installed.");
        }
        PostContent content = contents.of(post, campaign.spec().options());
        Step step = new Step(post, campaign, account, publisher.get(), accounts.credentials(account), content,
                context, mediaId -> posts.recordedForAnother(post.id(), mediaId),
                () -> posts.quotaKeptElsewhere(account.id(), post.id()));
        if (post.containerId() == null && post.publishRequestedAt() == null) {
            Optional<Outcome> spaced = spacing(step).or(() -> window(step));
            if (spaced.isPresent()) {
                return spaced.get();
            }
        }
        PostRepository.Look look = post.containerId() != null ? posts.looked(post.id()) : null;
        int looks = look == null ? 0 : look.count();
        Instant requested = post.publishRequestedAt() == null ? null : post.publishRequestedAt().toInstant();
        PublishAttempt attempt = step.attempt(requested, looks, look != null && look.quotaKept());
        PublishStep result = step.publisher().advance(attempt);
        if (looks == 1 && requested == null && look.containerAge() != null) {
            learn(step, look.containerAge(), result);
        }
        if (look != null && requested == null && log.isDebugEnabled()) {
            // what the burst benchmark's look histogram reads (-Dbench.burst.looks=true)
            log.debug("container look {} at {} ms found {}", looks, look.containerAge() == null ? -1
                    : look.containerAge().toMillis(), result.getClass().getSimpleName());
        }
        return apply(step, attempt, result);
    }

    /** A first look at a container: whether it came too early tells when to look first at the next ones. */
    private void learn(Step step, Duration age, PublishStep firstLook) {
        if (firstLook instanceof PublishStep.Processing || firstLook instanceof PublishStep.ReadyToPublish) {
            firstLooks.found(step.account().platform(), step.content().type(), age,
                    firstLook instanceof PublishStep.ReadyToPublish);
        }
    }

    private record Step(CampaignPost post, Campaign campaign, Account account, Publisher publisher,
                        Credentials credentials, PostContent content, TaskContext context,
                        PublishAttempt.RecordedElsewhere recordedElsewhere,
                        PublishAttempt.KeptElsewhere keptElsewhere) {
        long postId() {
            return post.id();
        }

        PublishAttempt attempt(@Nullable Instant publishRequestedAt, int looks, boolean quotaKept) {
            return new PublishAttempt(post.id(), credentials, content, new PublishAttempt.Progress(post.containerId(),
                    post.containerParts(), publishRequestedAt, looks, quotaKept), recordedElsewhere, keptElsewhere);
        }
    }

    /** What the step came to, as the post's bookkeeping. */
    private Outcome apply(Step step, PublishAttempt attempt, PublishStep result) {
        return switch (result) {
            case PublishStep.Created created -> {
                if (!posts.containerCreated(step.postId(), step.account().id(), created.handle(), created.parts(),
                        created.quotaLeft())) {
                    // another run of the post (this one lost its lease) recorded a container first: this one stays
                    // unpublished, and the post goes on with the other
                    step.context().warn("Another run recorded a container for this post first; " + created.handle()
                            + " is left unpublished");
                    yield Outcome.retryAfter(Duration.ZERO, "another run recorded the post's container");
                }
                step.context().info("The platform made " + created.handle() + "; it fetches and processes the media");
                yield Outcome.retryAfter(firstLooks.wait(step.account().platform(), step.content().type()),
                        "the platform processes the media");
            }
            case PublishStep.Processing processing -> processing(step, attempt.progress(), processing);
            case PublishStep.ReadyToPublish ready -> publish(step, attempt.progress());
            case PublishStep.Published published -> {
                publications.published(step.postId(), published.postId(), published.permalink(), null);
                step.context().info("Published as " + published.postId());
                yield firstComment(step, published.postId());
            }
            case PublishStep.AlreadyPublished already -> recovered(step, already);
            case PublishStep.Waiting waiting -> Outcome.retryAt(waiting.until(), waiting.reason());
            case PublishStep.QuotaReached quota -> waitForQuota(step, quota.freesAt());
            case PublishStep.StartOver over -> startOver(step, over);
            case PublishStep.Held held -> hold(step, held);
            case PublishStep.Failed failed -> fail(step.postId(), failed.reason());
            case PublishStep.RetryLater later -> Outcome.failed(later.reason());
        };
    }

    /** Looks again later, less often each time; before publishing was asked for, gives up on the object at last. */
    private Outcome processing(Step step, PublishAttempt.Progress progress, PublishStep.Processing processing) {
        int looks = Math.max(1, progress.looks());
        if (!progress.publishRequested() && looks >= settings.pollLimit()) {
            return startOver(step, new PublishStep.StartOver("The platform was still processing the media after "
                    + looks + " looks; trying with a new one.", false));
        }
        return Outcome.retryAfter(nextLook(looks), processing.reason());
    }

    /**
     * Checked before making anything and again before publishing: other posts of the account may have gone out
     * while this one's media was processed (runs of one account never overlap, so this holds).
     */
    private Optional<Outcome> spacing(Step step) {
        return waits.forSpacing(step.post(), step.campaign().spec().schedule().minSpacing(), step.account().username());
    }

    /**
     * The daily window holds when the post really goes out, not only when it was planned: a post held back (by
     * the quota, a hold, a pause, slow processing) past the window's end waits for the next day's window.
     */
    private Optional<Outcome> window(Step step) {
        Schedule schedule = step.campaign().spec().schedule();
        if (!schedule.hasWindow()) {
            return Optional.empty();
        }
        ZonedDateTime now = ZonedDateTime.now(step.account().timeZone());
        LocalTime time = now.toLocalTime();
        if (!time.isBefore(schedule.windowStart()) && time.isBefore(schedule.windowEnd())) {
            return Optional.empty();
        }
        ZonedDateTime opens = now.toLocalDate().plusDays(time.isBefore(schedule.windowStart()) ? 0 : 1)
                .atTime(schedule.windowStart()).atZone(now.getZone());
        return Optional.of(Outcome.retryAt(opens.toInstant(), "outside the daily window " + schedule.windowStart()
                + "–" + schedule.windowEnd() + " (" + now.getZone().getId() + "); waiting for it to open"));
    }

    /**
     * Records the request first, so a run after a crash here asks the platform before publishing again. Looks are
     * counted from the first request on.
     */
    private Outcome publish(Step step, PublishAttempt.Progress before) {
        if (!step.context().leaseHeld()) {
            return Outcome.retryAfter(Duration.ZERO, "this run lost its lease before publishing");
        }
        Optional<Outcome> spaced = spacing(step).or(() -> window(step));
        if (spaced.isPresent()) {
            return spaced.get();
        }
        PublishAttempt attempt = step.attempt(posts.publishRequested(step.postId()).toInstant(),
                before.publishRequested() ? before.looks() : 0, before.quotaKept());
        PublishStep result = step.publisher().publish(attempt);
        if (result instanceof PublishStep.ReadyToPublish) {
            throw new IllegalStateException(step.publisher().getClass().getSimpleName()
                    + " answered ReadyToPublish to publish(): its contract forbids it");
        }
        if (attempt.progress().handle() == null && refused(result)) {
            // the call that publishes made the platform's object (TikTok's init): the platform said no, so nothing
            // exists that could publish; forget the request, or the next run would look for a post never made
            posts.publishNotRequested(step.postId());
        }
        return apply(step, attempt, result);
    }

    /** A definite answer that nothing was made (the platform answered, and not with its object). */
    private static boolean refused(PublishStep result) {
        return result instanceof PublishStep.Waiting || result instanceof PublishStep.QuotaReached
                || result instanceof PublishStep.Held || result instanceof PublishStep.Failed;
    }

    /** An earlier run's request published the post: record it, never publish again. */
    private Outcome recovered(Step step, PublishStep.AlreadyPublished already) {
        if (already.postId() != null) {
            publications.published(step.postId(), already.postId(), already.permalink(),
                    "Found published after an interrupted run; it was not published again.");
            step.context().info("The platform had published it already (" + already.postId()
                    + "); recorded, not published again");
            return firstComment(step, already.postId());
        }
        if (posts.polled(step.postId()) < settings.recoveryLooks()) {
            return Outcome.retryAfter(RECOVERY_LOOK, "looking for the published post among the account's recent posts");
        }
        publications.published(step.postId(), null, null, "The platform reports the post as published, but it was not found "
                + "among the account's recent posts; check the account in the " + step.account().platform().label()
                + " app.");
        followUps.postUnknown(step.postId(), step.account().platform().label());
        return Outcome.completed();
    }

    /** A run of a published post: only its first comment can be left to do. */
    private Outcome followUp(CampaignPost post, TaskContext context) {
        Account account = accounts.find(post.accountId()).orElse(null);
        Optional<Publisher> publisher = account == null ? Optional.empty() : publishers.of(account.platform());
        if (post.mediaId() == null || publisher.isEmpty()) {
            return Outcome.completed();
        }
        return followUps.firstComment(post, account, publisher.get(), accounts.credentials(account), context,
                post.mediaId());
    }

    private Outcome firstComment(Step step, String platformPostId) {
        return followUps.firstComment(step.post(), step.account(), step.publisher(), step.credentials(), step.context(),
                platformPostId);
    }

    private Outcome startOver(Step step, PublishStep.StartOver over) {
        posts.dropContainer(step.postId(), step.post().containerId(), PostStatus.SCHEDULED, over.reason());
        step.context().warn(over.reason());
        return over.countsAsAttempt() ? Outcome.failed(over.reason()) : Outcome.retryAfter(Duration.ZERO, over.reason());
    }

    private Outcome waitForQuota(Step step, Instant until) {
        return waits.forQuota(step.post(), step.account().username(), until);
    }

    /** The account cannot publish: mark it where the cause says so, and hold its posts with the reason. */
    private Outcome hold(Step step, PublishStep.Held held) {
        long accountId = step.account().id();
        String message = held.message();
        String reason = switch (held.cause()) {
            case TOKEN_REFUSED -> {
                accounts.markNeedsReconnect(accountId, "The platform refused the token: " + message);
                yield "The token is no longer valid (" + message + "). Reconnect the account; its posts resume "
                        + "when it is active again.";
            }
            case PERMISSION_MISSING -> {
                accounts.markNeedsReconnect(accountId, "A permission is missing: " + message);
                yield "A permission is missing (" + message + "). Reconnect the account and grant content "
                        + "publishing; its posts resume when it is active again.";
            }
            case RESTRICTED -> {
                accounts.markRestricted(accountId, "The platform restricted the account: " + message);
                yield "The platform restricted the account (" + message + "). Resolve it in the "
                        + step.account().platform().label() + " app; its posts resume when the account is active again.";
            }
            case ROUTE_DOWN -> message + " This account's posts wait and try again when the proxy is up (at the "
                    + "latest every " + settings.proxyWait().toMinutes() + " min).";
        };
        holds.pauseAccount(accountId, held.cause() == PublishStep.Held.Cause.ROUTE_DOWN
                ? PostHolds.Hold.ROUTE : PostHolds.Hold.ACCOUNT, reason);
        step.context().warn(reason);
        return Outcome.completed();
    }

    private Outcome fail(long postId, String reason) {
        outcomes.failed(postId, reason);
        return Outcome.failedPermanently(reason);
    }

    private Duration nextLook(int looks) {
        double seconds = settings.pollFirst().toMillis() / 1000.0 * Math.pow(1.5, Math.max(0, looks - 1));
        return Duration.ofMillis(Math.min(settings.pollMax().toMillis(), Math.round(seconds * 1000)));
    }
}

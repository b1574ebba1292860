package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Container;
import io.switchboard.platform.ContainerRequest;
import io.switchboard.platform.ContainerStatus;
import io.switchboard.platform.GraphCredentials;
import io.switchboard.platform.GraphError;
import io.switchboard.platform.GraphProblem;
import io.switchboard.platform.GraphResult;
import io.switchboard.platform.InstagramGraph;
import io.switchboard.platform.MediaPage;
import io.switchboard.platform.PublishedMedia;
import io.switchboard.platform.PublishingLimit;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes one post, a step per run: make the container (its id stored before anything else), look at it
 * until the platform has processed the media (each look a rescheduled run, no thread waits), publish, and
 * record the post's id and permalink. Whatever instance dies at whatever moment, a post is never published
 * twice: a run that finds a container already asked to publish first asks the platform whether it is
 * PUBLISHED, and a container can be published once only.
 */
@Component
class PublishRunner implements TaskHandler<PublishPost> {
    private final PostRepository posts;
    private final CampaignRepository campaigns;
    private final Accounts accounts;
    private final InstagramGraph graph;
    private final ContainerRequests requests;
    private final PostHolds holds;
    private final PublishingSettings settings;
    private final Waits waits;

    PublishRunner(PostRepository posts, CampaignRepository campaigns, Accounts accounts, InstagramGraph graph,
                  ContainerRequests requests, PostHolds holds, PublishingSettings settings, Waits waits) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.graph = graph;
        this.requests = requests;
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
        GraphCredentials credentials = accounts.credentials(account.id());
        Step step = new Step(post, campaign, account, credentials, context);
        if (post.publishRequestedAt() != null) {
            return afterPublishRequest(step);
        }
        return post.containerId() != null ? look(step) : create(step);
    }

    private record Step(CampaignPost post, Campaign campaign, Account account, GraphCredentials credentials,
                        TaskContext context) {
        long postId() {
            return post.id();
        }
    }

    /** No container yet: respect the spacing and the quota, then make one and record it at once. */
    private Outcome create(Step step) {
        Optional<Outcome> spaced = spacing(step).or(() -> window(step));
        if (spaced.isPresent()) {
            return spaced.get();
        }
        Optional<Outcome> quota = quotaUsedUp(step);
        if (quota.isPresent()) {
            return quota.get();
        }
        PostOptions options = step.campaign().spec().options();
        List<String> children = new ArrayList<>();
        if (options.type() == PostType.CAROUSEL) {
            for (var item : requests.items(step.post())) {
                switch (graph.createContainer(step.credentials(), item)) {
                    case GraphResult.Ok<Container>(Container child) -> children.add(child.id());
                    case GraphResult.Failed<Container>(GraphProblem problem) -> {
                        return problem(step, problem);
                    }
                }
            }
        }
        var request = options.type() == PostType.CAROUSEL
                ? ContainerRequest.carousel(children, step.post().caption())
                : requests.single(step.post(), options);
        return switch (graph.createContainer(step.credentials(), request)) {
            case GraphResult.Ok<Container>(Container container) -> {
                posts.containerCreated(step.postId(), container.id(), children);
                step.context().info("Container " + container.id() + " created; the platform fetches and processes the media");
                yield Outcome.retryAfter(settings.pollFirst(), "the platform processes the media");
            }
            case GraphResult.Failed<Container>(GraphProblem problem) -> problem(step, problem);
        };
    }

    /** A container exists and no publish was asked for yet: is it ready? */
    private Outcome look(Step step) {
        int looks = posts.polled(step.postId());
        return switch (graph.containerStatus(step.credentials(), step.post().containerId())) {
            case GraphResult.Failed<ContainerStatus>(GraphProblem problem) -> problem(step, problem);
            case GraphResult.Ok<ContainerStatus>(ContainerStatus status) -> switch (status.state()) {
                case IN_PROGRESS -> looks >= settings.pollLimit()
                        ? newContainer(step, "The platform was still processing the media after " + looks
                        + " looks; trying with a new container.")
                        : Outcome.retryAfter(nextLook(looks), "the platform is still processing the media");
                case FINISHED -> publish(step);
                case PUBLISHED -> recover(step);
                case EXPIRED -> newContainer(step, "The container expired before it was published; making a new one.");
                case ERROR -> problem(step, status.problem() != null ? status.problem() : unexplained(status));
            };
        };
    }

    /**
     * Checked before making a container and again before publishing: other posts of the account may have
     * gone out while this one's media was processed (runs of one account never overlap, so this holds).
     */
    private Optional<Outcome> spacing(Step step) {
        return waits.forSpacing(step.post(), step.campaign().spec().schedule().minSpacing(), step.account().username());
    }

    /**
     * The live quota, read before making a container and again before publishing: other posts of the account
     * made their containers meanwhile, and a publish over the quota is refused by the platform.
     */
    private Optional<Outcome> quotaUsedUp(Step step) {
        return switch (graph.publishingLimit(step.credentials())) {
            case GraphResult.Ok<PublishingLimit>(PublishingLimit limit) when limit.remaining() == 0 -> Optional.of(
                    waitForQuota(step, limit.nextSlotAt() != null ? limit.nextSlotAt()
                            : Instant.now().plus(Duration.ofMinutes(15))));
            case GraphResult.Failed<PublishingLimit>(GraphProblem problem) -> Optional.of(problem(step, problem));
            default -> Optional.empty();
        };
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

    /** Records the request first, so a run after a crash here asks the platform before publishing again. */
    private Outcome publish(Step step) {
        if (!step.context().leaseHeld()) {
            return Outcome.retryAfter(Duration.ZERO, "this run lost its lease before publishing");
        }
        Optional<Outcome> spaced = spacing(step).or(() -> window(step)).or(() -> quotaUsedUp(step));
        if (spaced.isPresent()) {
            return spaced.get();
        }
        posts.publishRequested(step.postId());
        return switch (graph.publish(step.credentials(), step.post().containerId())) {
            case GraphResult.Ok<PublishedMedia>(var published) -> {
                String permalink = graph.media(step.credentials(), published.mediaId()) instanceof
                        GraphResult.Ok<io.switchboard.platform.MediaItem>(var item) ? item.permalink() : null;
                posts.published(step.postId(), published.mediaId(), permalink, null);
                step.context().info("Published as " + published.mediaId());
                yield Outcome.completed();
            }
            case GraphResult.Failed<PublishedMedia>(GraphProblem problem) -> problem(step, problem);
        };
    }

    /**
     * A publish was asked for by an earlier run whose outcome is unknown (it died, timed out, or the answer
     * was an error): the container's state decides, never a second publish of a published container.
     */
    private Outcome afterPublishRequest(Step step) {
        return switch (graph.containerStatus(step.credentials(), step.post().containerId())) {
            case GraphResult.Failed<ContainerStatus>(GraphProblem problem) -> problem(step, problem);
            case GraphResult.Ok<ContainerStatus>(ContainerStatus status) -> switch (status.state()) {
                case PUBLISHED -> recover(step);
                case FINISHED -> publish(step);
                case IN_PROGRESS -> Outcome.retryAfter(settings.pollFirst(), "the platform is still processing");
                case EXPIRED -> newContainer(step, "The container expired before it was published; making a new one.");
                case ERROR -> problem(step, status.problem() != null ? status.problem() : unexplained(status));
            };
        };
    }

    /** The container is published but we did not record it: find the post among the account's recent ones. */
    private Outcome recover(Step step) {
        CampaignPost post = step.post();
        Instant since = post.publishRequestedAt() != null ? post.publishRequestedAt().toInstant().minusSeconds(120)
                : Instant.EPOCH;
        var recent = graph.recentMedia(step.credentials(), 25, null);
        if (recent instanceof GraphResult.Ok<MediaPage>(var page)) {
            for (var item : page.items()) {
                if (post.caption().equals(item.caption()) && (item.timestamp() == null || !item.timestamp().isBefore(since))) {
                    posts.published(post.id(), item.id(), item.permalink(),
                            "Found published after an interrupted run; it was not published again.");
                    step.context().info("The platform had published it already (" + item.id() + "); recorded, not published again");
                    return Outcome.completed();
                }
            }
        }
        if (posts.polled(post.id()) < settings.recoveryLooks()) {
            return Outcome.retryAfter(Duration.ofSeconds(10), "looking for the published post among recent media");
        }
        posts.published(post.id(), null, null, "The platform reports the container as published, but the post "
                + "was not found among the account's recent media; check the account in the Instagram app.");
        return Outcome.completed();
    }

    /** An ERROR container the client could not classify: treated as passing, so it is retried. */
    private static GraphProblem unexplained(ContainerStatus status) {
        return new GraphProblem.Transient(new GraphError(0, 0, null, "The container failed: " + status.status(),
                null, null, null));
    }

    private Outcome newContainer(Step step, String reason) {
        posts.dropContainer(step.postId(), PostStatus.SCHEDULED, reason);
        step.context().warn(reason);
        return Outcome.retryAfter(Duration.ZERO, reason);
    }

    private Outcome waitForQuota(Step step, Instant until) {
        return waits.forQuota(step.post(), step.account().username(), until);
    }

    /** What each kind of platform problem means for the post (PLATFORM.md's error table). */
    private Outcome problem(Step step, GraphProblem problem) {
        String message = problem.error().summary();
        return switch (problem) {
            case GraphProblem.Transient t -> Outcome.failed("The platform had a passing problem: " + message);
            case GraphProblem.Throttled t -> Outcome.retryAt(t.until(), "throttled by the platform: " + message);
            case GraphProblem.NotReady n -> Outcome.retryAfter(settings.pollFirst(), "the media is not ready yet");
            case GraphProblem.QuotaReached q -> waitForQuota(step, q.until());
            case GraphProblem.ContainerExpired e when e.retryFirst() && step.post().polls() < 3 ->
                    Outcome.retryAfter(Duration.ofSeconds(10), "the container builder expired; retrying once");
            case GraphProblem.ContainerExpired e -> newContainer(step, "The platform let the container expire ("
                    + message + "); making a new one.");
            case GraphProblem.TokenInvalid t -> {
                accounts.markNeedsReconnect(step.account().id(), "The platform refused the token: " + message);
                yield pause(step, PostHolds.Hold.ACCOUNT, "The token is no longer valid (" + message + "). "
                        + "Reconnect the account; its posts resume when it is active again.");
            }
            case GraphProblem.PermissionMissing p -> {
                accounts.markNeedsReconnect(step.account().id(), "A permission is missing: " + message);
                yield pause(step, PostHolds.Hold.ACCOUNT, "A permission is missing (" + message + "). "
                        + "Reconnect the account and grant content publishing; its posts resume when it is active again.");
            }
            case GraphProblem.Blocked b -> {
                accounts.markRestricted(step.account().id(), "The platform restricted the account: " + message);
                yield pause(step, PostHolds.Hold.ACCOUNT, "The platform restricted the account (" + message
                        + "). Resolve it in the Instagram app; its posts resume when the account is active again.");
            }
            case GraphProblem.RouteUnavailable r -> pause(step, PostHolds.Hold.ROUTE, message
                    + " This account's posts wait and try again when the proxy is up (at the latest every "
                    + settings.proxyWait().toMinutes() + " min).");
            case GraphProblem.BadMedia bad when bad.rule().retryable() -> {
                posts.dropContainer(step.postId(), PostStatus.SCHEDULED, "The platform could not fetch the "
                        + "media (" + message + "); trying again.");
                yield Outcome.failed("The platform could not fetch the media: " + message);
            }
            case GraphProblem.BadMedia bad -> fail(step, "The platform refused the media (" + message + "). Fix "
                    + "the media or the caption (" + bad.rule() + "), then retry the post.");
            case GraphProblem.Refused r -> fail(step, "The platform refused the post: " + message
                    + ". Check the post, then retry it.");
        };
    }

    private Outcome pause(Step step, PostHolds.Hold hold, String reason) {
        holds.pauseAccount(step.account().id(), hold, reason);
        step.context().warn(reason);
        return Outcome.completed();
    }

    private Outcome fail(Step step, String reason) {
        posts.status(step.postId(), PostStatus.FAILED, reason);
        return Outcome.failedPermanently(reason);
    }

    private Duration nextLook(int looks) {
        double seconds = settings.pollFirst().toMillis() / 1000.0 * Math.pow(1.5, Math.max(0, looks - 1));
        return Duration.ofMillis(Math.min(settings.pollMax().toMillis(), Math.round(seconds * 1000)));
    }
}

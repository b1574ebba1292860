package io.switchboard.instagram;

import io.switchboard.instagram.graph.Comment;
import io.switchboard.instagram.graph.Container;
import io.switchboard.instagram.graph.ContainerRequest;
import io.switchboard.instagram.graph.ContainerStatus;
import io.switchboard.instagram.graph.GraphProblem;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.instagram.graph.MediaItem;
import io.switchboard.instagram.graph.MediaRule;
import io.switchboard.instagram.graph.MediaPage;
import io.switchboard.instagram.graph.PublishedMedia;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.publishing.FollowUp;
import io.switchboard.publishing.PostContent;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.PublishAttempt;
import io.switchboard.publishing.PublishStep;
import io.switchboard.publishing.Publisher;
import io.switchboard.publishing.PublishingQuota;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instagram's container protocol behind the {@link Publisher} port: check the live quota, make the container
 * (a carousel's children first), look at it until it is FINISHED, check the quota again unless a slot is kept for
 * the post, publish it, read its permalink. A container
 * already asked to publish is asked about first: PUBLISHED means the post is found among the account's recent
 * posts, never published again (a container can be published once only). Each Graph problem becomes a step by
 * PLATFORM.md's error table.
 */
@Component
class InstagramPublisher implements Publisher {
    private static final Duration QUOTA_UNKNOWN = Duration.ofMinutes(15);
    /** The quota's free slots are kept for the account's other posts on their way: look again after they went out. */
    private static final Duration KEPT_SLOTS_WAIT = Duration.ofMinutes(1);
    private static final Duration BUILDER_RETRY = Duration.ofSeconds(10);
    private static final int BUILDER_RETRIES = 2;
    /** How far before the recorded request a recovered post may carry its time (clocks differ). */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(2);
    private static final int RECENT_POSTS = 25;
    /** How long after the recorded request a recovered post may carry its time (the publish call's timeout and more). */
    private static final Duration RECOVERY_WINDOW = Duration.ofMinutes(10);
    static final String COMMENTS_PERMISSION = "instagram_business_manage_comments";
    private final InstagramGraph graph;
    private final PublishingLimits limits;

    InstagramPublisher(InstagramGraph graph, PublishingLimits limits) {
        this.graph = graph;
        this.limits = limits;
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public PublishStep advance(PublishAttempt attempt) {
        return attempt.progress().handle() == null ? create(attempt) : look(attempt, attempt.progress().handle());
    }

    @Override
    public PublishStep publish(PublishAttempt attempt) {
        String container = attempt.progress().handle();
        if (container == null) {
            throw new IllegalArgumentException("post " + attempt.postId() + " has no container to publish");
        }
        Credentials credentials = attempt.credentials();
        return switch (graph.publish(credentials, container)) {
            case GraphResult.Ok<PublishedMedia>(PublishedMedia published) -> new PublishStep.Published(
                    published.mediaId(), graph.media(credentials, published.mediaId())
                    instanceof GraphResult.Ok<MediaItem>(MediaItem item) ? item.permalink() : null);
            case GraphResult.Failed<PublishedMedia>(GraphProblem.QuotaReached quota) ->
                    new PublishStep.QuotaReached(limits.nextSlot(credentials, quota.until()));
            case GraphResult.Failed<PublishedMedia>(GraphProblem problem) -> problem(attempt, problem);
        };
    }

    @Override
    public PlatformResult<PublishingQuota> quota(Credentials credentials) {
        return InstagramProblems.neutral(limits.quota(credentials), quota -> quota);
    }

    /** No container yet: respect the live quota, then make one (a carousel's children first). */
    private PublishStep create(PublishAttempt attempt) {
        Credentials credentials = attempt.credentials();
        PublishingQuota quota;
        switch (freeSlots(attempt)) {
            case Slots.UsedUp(PublishStep step) -> {
                return step;
            }
            case Slots.Free(PublishingQuota free) -> quota = free;
        }
        PostContent content = attempt.content();
        List<PostContent.MediaLink> links = content.links().sign();
        List<String> children = new ArrayList<>();
        if (content.type() == PostType.CAROUSEL) {
            boolean firstImage = true;
            for (PostContent.MediaLink link : links) {
                ContainerRequest item = ContainerOptions.carouselItem(content, link, firstImage && !link.video());
                firstImage &= link.video();
                switch (graph.createContainer(credentials, item)) {
                    case GraphResult.Ok<Container>(Container child) -> children.add(child.id());
                    case GraphResult.Failed<Container>(GraphProblem problem) -> {
                        return problem(attempt, problem);
                    }
                }
            }
        }
        ContainerRequest request = content.type() == PostType.CAROUSEL
                ? ContainerOptions.carousel(content, children) : ContainerOptions.single(content, links.getFirst());
        return switch (graph.createContainer(credentials, request)) {
            case GraphResult.Ok<Container>(Container container) ->
                    new PublishStep.Created(container.id(), children, quota.remaining());
            case GraphResult.Failed<Container>(GraphProblem problem) -> problem(attempt, problem);
        };
    }

    /** What a read of the live quota came to: free slots, or the step that waits (or answers a problem). */
    private sealed interface Slots {
        record Free(PublishingQuota quota) implements Slots {
        }

        record UsedUp(PublishStep step) implements Slots {
        }
    }

    /** The live quota, read before making a container: none is made while the quota is used up. */
    private Slots freeSlots(PublishAttempt attempt) {
        return switch (limits.quota(attempt.credentials())) {
            case GraphResult.Ok<PublishingQuota>(PublishingQuota quota) when quota.remaining() == 0 ->
                    new Slots.UsedUp(new PublishStep.QuotaReached(quota.nextSlotAt() != null ? quota.nextSlotAt()
                            : Instant.now().plus(QUOTA_UNKNOWN)));
            case GraphResult.Ok<PublishingQuota>(PublishingQuota quota) -> new Slots.Free(quota);
            case GraphResult.Failed<PublishingQuota>(GraphProblem problem) -> new Slots.UsedUp(problem(attempt, problem));
        };
    }

    /**
     * Before the first request to publish a FINISHED container: a post whose slot was kept when its container was
     * made publishes without reading the quota again (the runner kept it only when the read then had a slot for
     * every post of the account on its way, and every other post publishes only beyond the kept slots). Any other
     * reads the live quota and publishes only when a slot is free beyond those kept for the account's other posts:
     * they made their containers meanwhile, and a publish over the quota is refused by the platform.
     */
    private Optional<PublishStep> quotaUsedUp(PublishAttempt attempt) {
        if (attempt.progress().quotaKept() && !attempt.progress().publishRequested()) {
            return Optional.empty();
        }
        return switch (freeSlots(attempt)) {
            case Slots.UsedUp(PublishStep step) -> Optional.of(step);
            case Slots.Free(PublishingQuota quota) when quota.remaining() <= attempt.keptElsewhere().slots() ->
                    Optional.of(new PublishStep.QuotaReached(Instant.now().plus(KEPT_SLOTS_WAIT)));
            case Slots.Free ignored -> Optional.empty();
        };
    }

    /** Where the container stands, whether or not publishing was asked for already. */
    private PublishStep look(PublishAttempt attempt, String container) {
        return switch (graph.containerStatus(attempt.credentials(), container)) {
            case GraphResult.Failed<ContainerStatus>(GraphProblem problem) -> problem(attempt, problem);
            case GraphResult.Ok<ContainerStatus>(ContainerStatus status) -> switch (status.state()) {
                case IN_PROGRESS -> new PublishStep.Processing("the platform is still processing the media");
                case FINISHED -> quotaUsedUp(attempt).orElseGet(PublishStep.ReadyToPublish::new);
                case PUBLISHED -> recover(attempt);
                case EXPIRED -> new PublishStep.StartOver("The container expired before it was published; making a "
                        + "new one.", false);
                case ERROR -> failedContainer(attempt, status);
            };
        };
    }

    /**
     * The container is published but the post was not recorded: find it among the account's recent posts, never by
     * caption alone. A post matches when its caption and type are this post's, it was published within the window
     * around the recorded request, and it is not recorded for another post already; when more than one matches, none
     * is taken (the runner looks again, then records the post without its id rather than guess).
     */
    private PublishStep recover(PublishAttempt attempt) {
        Instant requested = attempt.progress().publishRequestedAt();
        if (requested == null) {
            return new PublishStep.AlreadyPublished(null, null);
        }
        Instant since = requested.minus(CLOCK_SLACK);
        Instant until = requested.plus(RECOVERY_WINDOW);
        if (!(graph.recentMedia(attempt.credentials(), RECENT_POSTS, null) instanceof GraphResult.Ok<MediaPage>(var page))) {
            return new PublishStep.AlreadyPublished(null, null);
        }
        List<MediaItem> matches = page.items().stream()
                .filter(item -> attempt.content().caption().equals(item.caption() == null ? "" : item.caption()))
                .filter(item -> item.timestamp() != null && !item.timestamp().isBefore(since)
                        && !item.timestamp().isAfter(until))
                .filter(item -> ContainerOptions.listedAs(attempt.content().type(), item.mediaType()))
                .filter(item -> !attempt.recordedElsewhere().recorded(item.id()))
                .toList();
        return matches.size() == 1 ? new PublishStep.AlreadyPublished(matches.getFirst().id(),
                matches.getFirst().permalink()) : new PublishStep.AlreadyPublished(null, null);
    }

    @Override
    public FollowUp.Step checkFollowUp(FollowUp followUp) {
        if (!followUp.requested()) {
            return new FollowUp.Ready();
        }
        return switch (graph.comments(followUp.credentials(), followUp.platformPostId(), 50)) {
            case GraphResult.Ok<List<Comment>>(List<Comment> comments) -> comments.stream()
                    .filter(c -> c.text().equals(followUp.message()))
                    .filter(c -> c.username() == null || c.username().equalsIgnoreCase(followUp.author()))
                    .findFirst().<FollowUp.Step>map(c -> new FollowUp.AlreadyDone(c.id()))
                    .orElseGet(FollowUp.Ready::new);
            case GraphResult.Failed<List<Comment>>(GraphProblem problem) -> followUpProblem(problem);
        };
    }

    @Override
    public FollowUp.Step followUp(FollowUp followUp) {
        return switch (graph.comment(followUp.credentials(), followUp.platformPostId(), followUp.message())) {
            case GraphResult.Ok<String>(String id) -> new FollowUp.Done(id);
            case GraphResult.Failed<String>(GraphProblem problem) -> followUpProblem(problem);
        };
    }

    /** A first comment's problem: the post stays published whatever it is. */
    private static FollowUp.Step followUpProblem(GraphProblem problem) {
        String message = problem.error().summary();
        return switch (problem) {
            case GraphProblem.Throttled t -> new FollowUp.Waiting(t.until(), "throttled by the platform: " + message);
            case GraphProblem.Transient t -> new FollowUp.Failed("The platform had a passing problem: " + message, true);
            case GraphProblem.RouteUnavailable r -> new FollowUp.Failed(message, true);
            case GraphProblem.PermissionMissing p -> new FollowUp.Failed("The account's token lacks the "
                    + COMMENTS_PERMISSION + " permission (" + message + "). Reconnect the account granting comments, "
                    + "then retry the first comment.", false);
            case GraphProblem.TokenInvalid t -> new FollowUp.Failed("The platform refused the token (" + message
                    + "). Reconnect the account, then retry the first comment.", false);
            default -> new FollowUp.Failed("The platform refused the first comment: " + message
                    + ". Fix it, then retry the first comment.", false);
        };
    }

    /**
     * A container in status ERROR never recovers, so a passing problem (the media's download timed out, -2/2207003;
     * a server error) or one the client could not classify is tried again with a new container, using an attempt:
     * looking at the same container again would find the same error until the attempts ran out. Any other problem
     * (the media breaks a rule, the container expired) is answered as the error table says.
     */
    private static PublishStep failedContainer(PublishAttempt attempt, ContainerStatus status) {
        GraphProblem problem = status.problem();
        if (problem == null || problem instanceof GraphProblem.Transient) {
            return new PublishStep.StartOver("The platform could not finish the container (" + (problem == null
                    ? status.status() : problem.error().summary()) + "); making a new one.", true);
        }
        return problem(attempt, problem);
    }

    /** What each kind of Graph problem means for the post (PLATFORM.md's error table). */
    private static PublishStep problem(PublishAttempt attempt, GraphProblem problem) {
        String message = problem.error().summary();
        return switch (problem) {
            case GraphProblem.Transient t -> new PublishStep.RetryLater("The platform had a passing problem: " + message);
            case GraphProblem.Throttled t -> new PublishStep.Waiting(t.until(), "throttled by the platform: " + message);
            case GraphProblem.NotReady n -> new PublishStep.Processing("the media is not ready yet");
            case GraphProblem.QuotaReached q -> new PublishStep.QuotaReached(q.until());
            case GraphProblem.ContainerExpired e when e.retryFirst() && attempt.progress().looks() < BUILDER_RETRIES ->
                    new PublishStep.Waiting(Instant.now().plus(BUILDER_RETRY),
                            "the container builder expired; trying the same container again");
            case GraphProblem.ContainerExpired e -> new PublishStep.StartOver("The platform let the container expire ("
                    + message + "); making a new one.", false);
            case GraphProblem.TokenInvalid t -> new PublishStep.Held(PublishStep.Held.Cause.TOKEN_REFUSED, message);
            case GraphProblem.PermissionMissing p ->
                    new PublishStep.Held(PublishStep.Held.Cause.PERMISSION_MISSING, message);
            case GraphProblem.Blocked b -> new PublishStep.Held(PublishStep.Held.Cause.RESTRICTED, message);
            case GraphProblem.RouteUnavailable r -> new PublishStep.Held(PublishStep.Held.Cause.ROUTE_DOWN, message);
            case GraphProblem.BadMedia bad when bad.rule() == MediaRule.TRIAL_INELIGIBLE -> new PublishStep.Failed(
                    bad.rule().name(), "The account cannot publish trial Reels (" + message + "). Turn trial Reels "
                    + "off for this account's posts, then retry the post.");
            case GraphProblem.BadMedia bad when bad.rule().retryable() -> new PublishStep.StartOver(
                    "The platform could not fetch the media (" + message + "); trying again.", true);
            case GraphProblem.BadMedia bad -> new PublishStep.Failed(bad.rule().name(), "The platform refused the media ("
                    + message + "). Fix the media or the caption (" + bad.rule() + "), then retry the post.");
            case GraphProblem.Refused r -> new PublishStep.Failed(null, "The platform refused the post: " + message
                    + ". Check the post, then retry it.");
        };
    }
}

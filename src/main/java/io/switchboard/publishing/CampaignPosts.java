package io.switchboard.publishing;

import io.switchboard.tasks.TaskQueries;
import io.switchboard.tasks.Tasks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One post at a time: what it waits for, the task that publishes it, and the operators' commands on it (retry
 * one failed post, cancel one post that has not gone out).
 */
@Service
public class CampaignPosts {
    private final PostRepository posts;
    private final PostWaits waits;
    private final CampaignRepository campaigns;
    private final Tasks tasks;
    private final TaskQueries taskQueries;
    private final Clock clock;
    private final FirstComments firstComments;

    CampaignPosts(PostRepository posts, PostWaits waits, CampaignRepository campaigns, Tasks tasks,
                  TaskQueries taskQueries, org.springframework.beans.factory.ObjectProvider<Clock> clock,
                  FirstComments firstComments) {
        this.posts = posts;
        this.firstComments = firstComments;
        this.waits = waits;
        this.campaigns = campaigns;
        this.tasks = tasks;
        this.taskQueries = taskQueries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * What each of these posts waits for now, by post id: only posts on their way whose wait is still ahead (a wait
     * that has passed says nothing true any more).
     */
    public Map<Long, PostWait> waits(Collection<CampaignPost> shown) {
        List<Long> ids = shown.stream().filter(p -> p.status().active()).map(CampaignPost::id).toList();
        Instant now = clock.instant();
        Map<Long, PostWait> ahead = new HashMap<>();
        waits.of(ids).forEach((id, wait) -> {
            if (wait.until().toInstant().isAfter(now)) {
                ahead.put(id, wait);
            }
        });
        return ahead;
    }

    /** The task that publishes (or published) each of these posts, by post id; absent once pruned. */
    public Map<Long, Long> taskIds(Collection<CampaignPost> shown) {
        Map<String, Long> byKey = taskQueries.latestByUniqueKey(shown.stream()
                .map(p -> PublishPost.uniqueKey(p.id())).toList());
        Map<Long, Long> byPost = new HashMap<>();
        shown.forEach(p -> {
            Long task = byKey.get(PublishPost.uniqueKey(p.id()));
            if (task != null) {
                byPost.put(p.id(), task);
            }
        });
        return byPost;
    }

    /** These posts by id, whichever campaigns they belong to (for pages that name them). */
    public Map<Long, CampaignPost> find(Collection<Long> postIds) {
        return posts.findAll(postIds).stream().collect(Collectors.toMap(CampaignPost::id, p -> p));
    }

    /** The failed post goes out again with a new container, as soon as its account's spacing allows. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void retry(long campaignId, long postId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new CampaignProblem("No campaign " + campaignId + "."));
        if (campaign.status() == CampaignStatus.CANCELLED) {
            throw new CampaignProblem("The campaign was cancelled; launch a new one instead.");
        }
        CampaignPost post = posts.retryFailed(campaignId, postId).orElseThrow(() -> new CampaignProblem(
                "Only a failed post can be retried, and this one is not failed any more; the page shows where it is."));
        tasks.submit(PublishPost.request(post));
        campaigns.transition(campaignId, List.of(CampaignStatus.FINISHED), CampaignStatus.RUNNING);
    }

    /**
     * A published post's failed first comment is tried again, alone: the post is never published again. The run first
     * looks for the comment among the post's comments, in case an earlier attempt made it after all.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void retryFirstComment(long campaignId, long postId) {
        CampaignPost post = posts.find(postId).filter(p -> p.campaignId() == campaignId)
                .orElseThrow(() -> new CampaignProblem("No post " + postId + " in campaign " + campaignId + "."));
        if (post.status() != PostStatus.PUBLISHED || !firstComments.retry(postId)) {
            throw new CampaignProblem("Only a published post's failed first comment can be retried; the page shows "
                    + "where this one is.");
        }
        tasks.submit(PublishPost.request(post));
    }

    /** The posts' first comments, by post id (posts without one are absent). */
    public Map<Long, FirstComment> firstComments(Collection<Long> postIds) {
        return firstComments.findAll(postIds);
    }

    /** The post will not go out (unless it was already asked to publish); its task is cancelled too. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void cancel(long campaignId, long postId, String actor) {
        if (!posts.cancel(campaignId, postId, "Cancelled by " + actor + ".")) {
            throw new CampaignProblem("This post cannot be cancelled any more: it was published, failed, cancelled "
                    + "or is being published right now. The page shows where it is.");
        }
        taskQueries.latestByUniqueKey(List.of(PublishPost.uniqueKey(postId))).values().forEach(tasks::cancel);
    }
}

package io.switchboard.publishing;

import io.switchboard.tasks.TaskKind;
import io.switchboard.tasks.TaskRequest;

import java.time.OffsetDateTime;

/** The payload of a publish task: which post. Everything else is read fresh from the post when it runs. */
record PublishPost(long postId) {
    static final TaskKind<PublishPost> KIND = TaskKind.of("publishing.post", PublishPost.class);
    static final String QUEUE = "publishing";

    /**
     * One task per post, at most one running per account (across all instances), no second live task for
     * the same post, in the campaign's group.
     */
    static TaskRequest<PublishPost> request(long postId, long accountId, long campaignId, OffsetDateTime at) {
        return TaskRequest.of(KIND, new PublishPost(postId)).withQueue(QUEUE)
                .withConcurrency(accountKey(accountId), 1)
                .withUniqueKey(uniqueKey(postId))
                // a post resumed or retried while the run that paused or failed it is still finishing would
                // otherwise have no task left to take it on
                .withRerunIfRunning()
                .withGroup(Campaign.group(campaignId))
                .withRunAt(at.toInstant())
                .withMaxAttempts(8);
    }

    /** The task that takes a post from where it is now, at its scheduled time (or at once if that passed). */
    static TaskRequest<PublishPost> request(CampaignPost post) {
        return request(post.id(), post.accountId(), post.campaignId(), post.scheduledAt());
    }

    static String uniqueKey(long postId) {
        return "post:" + postId;
    }

    static String accountKey(long accountId) {
        return "account:" + accountId;
    }
}

package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.platform.Credentials;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * A published post's follow-ups (its first comment), made once by the same rule as the publish: the request is
 * recorded before the call that comments, the comment id stored as soon as it is known, and a run that finds the
 * request recorded without an id lets the publisher look for the comment before commenting again. The post stays
 * published whatever happens here.
 */
@Component
class FollowUps {
    private final FirstComments firstComments;

    FollowUps(FirstComments firstComments) {
        this.firstComments = firstComments;
    }

    Outcome firstComment(CampaignPost post, Account account, Publisher publisher, Credentials credentials,
                         TaskContext context, String platformPostId) {
        FirstComment comment = firstComments.find(post.id()).orElse(null);
        if (comment == null || comment.status() != FirstComment.Status.PENDING) {
            return Outcome.completed();
        }
        FollowUp followUp = new FollowUp(post.id(), credentials, platformPostId, account.username(), comment.message(),
                comment.requestedAt() == null ? null : comment.requestedAt().toInstant());
        FollowUp.Step result = publisher.checkFollowUp(followUp);
        if (result instanceof FollowUp.Ready) {
            if (!context.leaseHeld()) {
                return Outcome.retryAfter(Duration.ZERO, "this run lost its lease before commenting");
            }
            Instant requested = firstComments.requested(post.id()).toInstant();
            result = publisher.followUp(new FollowUp(post.id(), credentials, platformPostId, account.username(),
                    comment.message(), requested));
        }
        return switch (result) {
            case FollowUp.Done done -> {
                firstComments.posted(post.id(), done.commentId());
                context.info("First comment posted as " + done.commentId());
                yield Outcome.completed();
            }
            case FollowUp.AlreadyDone done -> {
                firstComments.posted(post.id(), done.commentId());
                context.info("The first comment was found posted already (" + done.commentId()
                        + "); recorded, not posted again");
                yield Outcome.completed();
            }
            case FollowUp.Waiting waiting -> Outcome.retryAt(waiting.until(), waiting.reason());
            case FollowUp.Failed failed when failed.passing() -> {
                firstComments.problem(post.id(), FirstComment.Status.PENDING, failed.reason());
                yield Outcome.failed(failed.reason());
            }
            case FollowUp.Failed failed -> {
                firstComments.problem(post.id(), FirstComment.Status.FAILED, failed.reason());
                context.warn("First comment failed: " + failed.reason());
                yield Outcome.completed();
            }
            case FollowUp.Ready ready -> throw new IllegalStateException(publisher.getClass().getSimpleName()
                    + " answered Ready to followUp(): its contract forbids it");
        };
    }

    /** The post was recorded without its platform id: its first comment cannot be made. */
    void postUnknown(long postId, String platformLabel) {
        firstComments.problem(postId, FirstComment.Status.FAILED, "The post's id on the platform is unknown, so its "
                + "first comment was not posted: post it from the " + platformLabel + " app.");
    }
}

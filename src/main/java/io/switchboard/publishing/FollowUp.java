package io.switchboard.publishing;

import io.switchboard.platform.Credentials;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A follow-up of a publication (today: the first comment), as a {@link Publisher} step gets it.
 *
 * @param platformPostId the published post's id on the platform
 * @param author         the account's username, whose comment a recovery looks for
 * @param message        what to post
 * @param requestedAt    when a run recorded that it makes the call (this run's or one that died); once set, the
 *                       adapter looks for the comment before commenting again
 */
public record FollowUp(long postId, Credentials credentials, String platformPostId, String author, String message,
                       @Nullable Instant requestedAt) {

    public boolean requested() {
        return requestedAt != null;
    }

    /** What a follow-up step came to. */
    public sealed interface Step {
    }

    /** The platform holds the comment: its id, stored at once. */
    public record Done(String commentId) implements Step {
    }

    /** An earlier run's request made the comment; found by its author and text, it is recorded, not made again. */
    public record AlreadyDone(String commentId) implements Step {
    }

    /** Not made; the request was not recorded as made yet, so the runner records it then calls {@link Publisher#followUp}. */
    public record Ready() implements Step {
    }

    /** Nothing to do before {@code until} (throttled); the request stays recorded. */
    public record Waiting(Instant until, String reason) implements Step {
    }

    /**
     * The platform refused it. The post stays published; the follow-up is shown as failed with the reason, and the
     * operator can retry it alone.
     *
     * @param passing a passing problem (a server error): tried again after the task's back-off first
     */
    public record Failed(String reason, boolean passing) implements Step {
    }
}

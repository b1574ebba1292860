package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link Publisher} step came to; the publish runner turns each into the post's bookkeeping. Messages are
 * the platform's words (with its codes) or whole sentences for the operator, as each case says; never a token.
 */
public sealed interface PublishStep {

    /**
     * The platform made its object for the post and handed back its id: the runner stores it (with the parts)
     * before any other call and looks at it again after {@code switchboard.publishing.poll-first}.
     *
     * @param handle    Instagram's container id, TikTok's publish id
     * @param parts     what else a later step needs (a carousel's children's container ids, an upload URL)
     * @param quotaLeft the publishing quota's free slots as read just before the object was made, null when the
     *                  platform's quota was not read: with it the runner may keep a slot for the post
     *                  ({@link PublishAttempt.Progress#quotaKept()})
     */
    record Created(String handle, List<String> parts, @Nullable Integer quotaLeft) implements PublishStep {
        public Created {
            parts = List.copyOf(parts);
        }

        public Created(String handle, List<String> parts) {
            this(handle, parts, null);
        }
    }

    /**
     * The platform is still processing: look again later, sooner first, then less often (the runner's
     * {@code poll-first} growing to {@code poll-max}); after {@code poll-limit} looks before publishing was asked
     * for, the runner starts over with a new object.
     *
     * @param reason what the platform is doing, for the task's log ("the platform is still processing the media")
     */
    record Processing(String reason) implements PublishStep {
    }

    /** The next call is the one that publishes: the runner checks the spacing, records the request, calls publish. */
    record ReadyToPublish() implements PublishStep {
    }

    /** The platform published the post just now. */
    record Published(String postId, @Nullable String permalink) implements PublishStep {
    }

    /**
     * The platform says an earlier run's request published the post (that run died before recording it): it is
     * recorded, never published again. A null {@code postId} means the adapter could not find the post yet: the
     * runner asks again a few times ({@code recovery-looks}), then records the post without its id.
     */
    record AlreadyPublished(@Nullable String postId, @Nullable String permalink) implements PublishStep {
    }

    /** Nothing to do before {@code until}, as the platform asked (throttled, retry a little later); no attempt used. */
    record Waiting(Instant until, String reason) implements PublishStep {
    }

    /** The account's publishing quota is used up; a slot frees about {@code freesAt}. */
    record QuotaReached(Instant freesAt) implements PublishStep {
    }

    /**
     * The platform's object can no longer be published (it expired, it failed): the runner forgets the handle and
     * makes a new one.
     *
     * @param reason          a sentence for the operator, shown on the post
     * @param countsAsAttempt whether this uses up one of the task's attempts (a fault that may repeat) or not
     *                        (the platform's object merely expired)
     */
    record StartOver(String reason, boolean countsAsAttempt) implements PublishStep {
    }

    /**
     * The account cannot publish now: the runner marks the account (reconnect, restricted) where the cause says so
     * and holds all its posts until it can again.
     *
     * @param message the platform's words
     */
    record Held(Cause cause, String message) implements PublishStep {

        public enum Cause {
            /** The platform refused the token: the account needs reconnecting. */
            TOKEN_REFUSED,
            /** A permission is missing: the account needs reconnecting with it granted. */
            PERMISSION_MISSING,
            /** The platform restricted or blocked the account. */
            RESTRICTED,
            /** The account's egress route (its proxy) is down; the account itself is fine. */
            ROUTE_DOWN
        }
    }

    /**
     * The platform refused the post for good; it fails until an operator retries it.
     *
     * @param rule   the platform's rule it broke ({@code IMAGE_FORMAT}, {@code CAPTION_TOO_LONG}…), null when the
     *               platform named none
     * @param reason a sentence for the operator: what happened and what to do
     */
    record Failed(@Nullable String rule, String reason) implements PublishStep {
    }

    /** A passing problem (a server error, a timeout): the task tries again after its back-off, using an attempt. */
    record RetryLater(String reason) implements PublishStep {
    }
}

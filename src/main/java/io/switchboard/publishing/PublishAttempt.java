package io.switchboard.publishing;

import io.switchboard.platform.Credentials;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link Publisher} step gets: the post, the account's credentials, what to publish, how far the post got
 * with the platform as stored, and which platform posts are recorded for other posts already.
 *
 * @param recordedElsewhere answers whether a platform post id is recorded for another post already: a post
 *                          recovered after a crash is never matched to one of those
 * @param keptElsewhere     how many other posts of the account have a quota slot kept for them
 *                          ({@link Progress#quotaKept()}) and have not gone out: a post without one publishes only
 *                          when the quota has a slot beyond theirs
 */
public record PublishAttempt(long postId, Credentials credentials, PostContent content, Progress progress,
                             RecordedElsewhere recordedElsewhere, KeptElsewhere keptElsewhere) {

    public PublishAttempt(long postId, Credentials credentials, PostContent content, Progress progress,
                          RecordedElsewhere recordedElsewhere) {
        this(postId, credentials, content, progress, recordedElsewhere, () -> 0);
    }

    public PublishAttempt(long postId, Credentials credentials, PostContent content, Progress progress) {
        this(postId, credentials, content, progress, id -> false);
    }

    /** How many other posts of the account have a quota slot kept for them; asked only when needed. */
    @FunctionalInterface
    public interface KeptElsewhere {
        int slots();
    }

    /** Whether a platform post id is recorded for another post of Switchboard. */
    @FunctionalInterface
    public interface RecordedElsewhere {
        boolean recorded(String platformPostId);
    }

    /**
     * How far the post got with the platform, as stored before this step.
     *
     * @param handle             what the platform handed back first (Instagram's container id, TikTok's publish
     *                           id), or null before {@link PublishStep.Created}
     * @param parts              what else came with it ({@link PublishStep.Created#parts()}), empty when nothing
     * @param publishRequestedAt when the runner recorded that the call that publishes is made (this run's or an
     *                           earlier one's); null before. Once set, ask the platform before publishing again.
     * @param looks              steps that asked the platform about the handle since it was made or since
     *                           publishing was asked for, this one included
     * @param quotaKept          the quota read just before the handle was made had a free slot for this post and
     *                           for every other post of the account on its way then, and every post since
     *                           publishes only beyond the slots kept: the quota need not be read again before the
     *                           first request to publish
     */
    public record Progress(@Nullable String handle, List<String> parts, @Nullable Instant publishRequestedAt,
                           int looks, boolean quotaKept) {

        public Progress {
            parts = List.copyOf(parts);
        }

        public Progress(@Nullable String handle, List<String> parts, @Nullable Instant publishRequestedAt, int looks) {
            this(handle, parts, publishRequestedAt, looks, false);
        }

        public boolean publishRequested() {
            return publishRequestedAt != null;
        }
    }
}

package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post as the calendar shows it.
 *
 * @param why      for a failed or held post, what happened and what to do; null otherwise
 * @param fixedBecause why it cannot be moved or edited, empty when it can
 */
public record CalendarPost(long id, long campaignId, String campaignName, int number, long accountId,
                           OffsetDateTime scheduledAt, PostType type, PostStatus status, @Nullable String why,
                           @Nullable String permalink, List<Long> mediaIds, String caption, String fixedBecause) {

    public boolean movable() {
        return fixedBecause.isEmpty();
    }
}

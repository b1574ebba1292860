package io.switchboard.insights;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * An account's insights: its days (followers and daily metrics, oldest first), its recent posts, its best hours and
 * the slot they suggest.
 *
 * @param problem why its insights are not collected now, with what to do; null when they are
 * @param nextCollection when its next collection is due (each account at its own moment); null before it is known
 */
public record AccountInsights(long accountId, List<AccountDay> days, List<PostResult> recent, HeatMap heatMap,
                              Optional<Slot> suggested, @Nullable String problem,
                              @Nullable OffsetDateTime nextCollection) {
}

package io.switchboard.insights;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A campaign's results from its posts' latest metrics.
 *
 * @param accounts        the accounts with the most reach, at most 50 ({@code accountCount} in all)
 * @param lastCollectedAt null before any post's metrics were read
 */
public record CampaignResults(long campaignId, Totals totals, List<DayPoint> days, List<AccountRow> accounts,
                              int accountCount, List<PostResult> best, List<PostResult> worst,
                              List<Comparison> comparisons, @Nullable OffsetDateTime lastCollectedAt) {
}

package io.switchboard.insights;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An account's follower demographics as its platform last reported them (a lifetime figure: the latest reading only).
 *
 * @param readAt when they were read; null before the first reading
 * @param note   why there are none, in words (fewer than 100 followers, nothing known yet, not offered); null otherwise
 * @param parts  one per breakdown the platform answered, in {@link Breakdown} order; empty when there are none
 */
public record Demographics(@Nullable OffsetDateTime readAt, @Nullable String note, List<Part> parts) {

    /**
     * Followers by one breakdown, most first.
     *
     * @param total followers the platform could place (Meta counts only those it knows, and at most 45 groups), so
     *              shares are of this total, not of the follower count
     */
    public record Part(Breakdown breakdown, List<Group> groups, long total) {
    }

    /** A group of followers: its label as operators read it ("25-34", "Women", "United States"), and how many. */
    public record Group(String label, long followers) {
        /** Its share of {@code total}, in percent with one decimal ("12.5 %"). */
        public String percentOf(long total) {
            return total == 0 ? "0 %" : String.format(java.util.Locale.ENGLISH, "%.1f %%", followers * 100.0 / total);
        }
    }
}

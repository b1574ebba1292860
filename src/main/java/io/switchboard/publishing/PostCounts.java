package io.switchboard.publishing;

import java.util.EnumMap;
import java.util.Map;

/** How many posts are in each status (of a campaign, or of one account in it). */
public record PostCounts(Map<PostStatus, Integer> byStatus) {

    public PostCounts {
        byStatus = Map.copyOf(byStatus);
    }

    static PostCounts of(Map<PostStatus, Integer> counts) {
        return new PostCounts(counts.isEmpty() ? Map.of() : new EnumMap<>(counts));
    }

    public int get(PostStatus status) {
        return byStatus.getOrDefault(status, 0);
    }

    /** By the status's name, for templates ({@code counts.get('FAILED')}: they may not reach static classes). */
    public int get(String status) {
        return get(PostStatus.valueOf(status));
    }

    public int total() {
        return byStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Published, failed or cancelled: done one way or another. */
    public int finished() {
        return get(PostStatus.PUBLISHED) + get(PostStatus.FAILED) + get(PostStatus.CANCELLED);
    }

    /** Whole percent of posts finished. */
    public int percent() {
        return total() == 0 ? 0 : finished() * 100 / total();
    }

    /** With the platform right now: container made or publishing. */
    public int inFlight() {
        return get(PostStatus.PROCESSING) + get(PostStatus.PUBLISHING);
    }
}

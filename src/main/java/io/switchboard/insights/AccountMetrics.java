package io.switchboard.insights;

/**
 * An account's followers now and its metrics over the last full day (unique accounts reached, times its content was
 * seen, profile visits, accounts that interacted).
 */
public record AccountMetrics(long followers, long reach, long views, long profileViews, long engaged) {
}

package io.switchboard.insights;

/** One account's share of a campaign or report. */
public record AccountRow(long accountId, String username, Totals totals) {
}

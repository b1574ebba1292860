package io.switchboard.publishing;

import java.time.Instant;

/**
 * A campaign waits for someone other than its author to approve it (or ask for changes).
 *
 * @param at when it was sent for review (a campaign can be sent again after changes)
 */
public record CampaignApprovalRequested(long campaignId, String name, String author, Instant at) {
}

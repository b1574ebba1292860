package io.switchboard.publishing;

/** A campaign waits for someone other than its author to approve it (or ask for changes). */
public record CampaignApprovalRequested(long campaignId, String name, String author) {
}

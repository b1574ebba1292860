package io.switchboard.publishing;

/**
 * A campaign was approved (its posts are submitted) or changes were asked for.
 *
 * @param decidedBy the operator, or "client (review link 3)"
 */
public record CampaignApprovalDecided(long campaignId, String name, String author, boolean approved, String decidedBy,
                                      String comment) {
}

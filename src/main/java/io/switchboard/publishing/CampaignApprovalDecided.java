package io.switchboard.publishing;

import java.time.Instant;

/**
 * A campaign was approved (its posts are submitted) or changes were asked for.
 *
 * @param decidedBy the operator, or "client (review link 3)"
 * @param at        when it was decided
 */
public record CampaignApprovalDecided(long campaignId, String name, String author, boolean approved, String decidedBy,
                                      String comment, Instant at) {
}

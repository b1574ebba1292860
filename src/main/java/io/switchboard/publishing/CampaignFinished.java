package io.switchboard.publishing;

/** Every post of a campaign is published, failed or cancelled. */
public record CampaignFinished(long campaignId, String name, int published, int failed, int cancelled) {
}

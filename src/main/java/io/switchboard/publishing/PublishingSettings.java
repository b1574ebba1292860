package io.switchboard.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pollFirst       least wait before the first look at a new container (about the platform's typical processing
 *                        time); while first looks find the media still processing, the first look moves later, up to
 *                        poll-max
 * @param pollMax         longest wait between two looks (the wait grows by half each time)
 * @param pollLimit       looks at one container before giving up on it and making a new one
 * @param fetchUrlTtl     how long the signed media URL handed to the platform stays valid
 * @param defaultQuota    posts per 24 hours assumed for an account when planning (the runner reads the live one)
 * @param proxyWait       how long a post waits before trying again when the account's egress route is down
 * @param recoveryLooks   looks for a post published by an instance that died before recording it
 * @param maxCampaignPosts most posts one campaign may have; a larger one is refused in the preview
 */
@ConfigurationProperties("switchboard.publishing")
record PublishingSettings(
        @DefaultValue("3s") Duration pollFirst,
        @DefaultValue("60s") Duration pollMax,
        @DefaultValue("40") int pollLimit,
        @DefaultValue("6h") Duration fetchUrlTtl,
        @DefaultValue("50") int defaultQuota,
        @DefaultValue("5m") Duration proxyWait,
        @DefaultValue("5") int recoveryLooks,
        @DefaultValue("200000") int maxCampaignPosts) {
}

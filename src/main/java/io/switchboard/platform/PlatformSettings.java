package io.switchboard.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The Graph API client. The mode itself is read by {@link PlatformMode#of}.
 *
 * @param graphUrl        the Graph API; unset: https://graph.instagram.com live, this app's /sandbox/graph in
 *                        sandbox mode
 * @param oauthUrl        where codes are exchanged; unset: https://api.instagram.com live, the sandbox otherwise
 * @param authorizeUrl    where operators grant access; unset: Instagram's page live, the sandbox's otherwise
 * @param apiVersion      the version in every Graph path
 * @param appId           the Meta app's id (Instagram Login); needed for "Connect with Instagram" live
 * @param appSecret       its secret
 * @param scopes          permissions asked for when connecting
 * @param connectTimeout  to open a connection
 * @param readTimeout     for a whole call's answer
 * @param uploadTimeout   for a resumable upload's bytes
 * @param usageThreshold  usage percentage (any of the usage headers' figures) from which calls for that app or
 *                        account hold off
 * @param defaultHoldOff  how long to hold off when the platform gives no estimate of when access returns
 */
@ConfigurationProperties("switchboard.platform")
record PlatformSettings(
        @Nullable URI graphUrl,
        @Nullable URI oauthUrl,
        @Nullable String authorizeUrl,
        @DefaultValue("v25.0") String apiVersion,
        @Nullable String appId,
        @Nullable String appSecret,
        @DefaultValue({"instagram_business_basic", "instagram_business_content_publish"}) List<String> scopes,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("10m") Duration uploadTimeout,
        @DefaultValue("90") int usageThreshold,
        @DefaultValue("5m") Duration defaultHoldOff) {
}

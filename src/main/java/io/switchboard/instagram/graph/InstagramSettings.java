package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.List;

/**
 * The Instagram Graph API client (what all platforms share, timeouts and hold-offs, is {@code switchboard.platform}).
 *
 * @param graphUrl     the Graph API; unset: https://graph.instagram.com live, this app's /sandbox/graph in sandbox
 *                     mode
 * @param oauthUrl     where codes are exchanged; unset: https://api.instagram.com live, the sandbox otherwise
 * @param authorizeUrl where operators grant access; unset: Instagram's page live, the sandbox's otherwise
 * @param apiVersion   the version in every Graph path
 * @param appId        the Meta app's id (Instagram Login); needed for "Connect with Instagram" live
 * @param appSecret    its secret
 * @param scopes       permissions asked for when connecting
 */
@ConfigurationProperties("switchboard.instagram")
public record InstagramSettings(
        @Nullable URI graphUrl,
        @Nullable URI oauthUrl,
        @Nullable String authorizeUrl,
        @DefaultValue("v25.0") String apiVersion,
        @Nullable String appId,
        @Nullable String appSecret,
        @DefaultValue({"instagram_business_basic", "instagram_business_content_publish",
                "instagram_business_manage_insights", "instagram_business_manage_comments"}) List<String> scopes) {

    /** Whether the Meta app is configured (live sign-in and {@code debug_token} need it). */
    public boolean appConfigured() {
        return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
    }
}

package io.switchboard.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * What every platform adapter's client shares. The mode itself is read by {@link PlatformMode#of}; each platform's
 * own settings (its URLs, its app's id and secret) are its adapter's.
 *
 * @param connectTimeout  to open a connection
 * @param readTimeout     for a whole call's answer
 * @param uploadTimeout   for an upload's bytes
 * @param usageThreshold  usage percentage (as a platform reports it) from which calls for that app or account
 *                        hold off
 * @param defaultHoldOff  how long to hold off when the platform gives no estimate of when access returns
 */
@ConfigurationProperties("switchboard.platform")
public record PlatformSettings(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("10m") Duration uploadTimeout,
        @DefaultValue("90") int usageThreshold,
        @DefaultValue("5m") Duration defaultHoldOff) {
}

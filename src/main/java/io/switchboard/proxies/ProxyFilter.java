package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

/**
 * Which proxies a list shows; null means any.
 *
 * @param text matched against label, host and region, without regard to case
 */
public record ProxyFilter(@Nullable ProxyStatus status, @Nullable String region, @Nullable String tag,
                          @Nullable String text) {

    public static final ProxyFilter ALL = new ProxyFilter(null, null, null, null);
}

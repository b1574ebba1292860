package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** A page of proxies in label order, and where the next page starts (null on the last page). */
public record ProxyPage(List<Proxy> proxies, @Nullable String next) {
}

package io.switchboard.insights;

import io.switchboard.platform.Adapters;
import io.switchboard.platform.Platform;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link MetricsFetcher} of each platform that has one. */
@Component
class Fetchers {
    private final Map<Platform, MetricsFetcher> byPlatform;

    Fetchers(List<MetricsFetcher> fetchers) {
        this.byPlatform = Adapters.byPlatform(fetchers, MetricsFetcher::platform);
    }

    Optional<MetricsFetcher> of(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }
}

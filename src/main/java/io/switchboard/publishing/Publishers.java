package io.switchboard.publishing;

import io.switchboard.platform.Adapters;
import io.switchboard.platform.Platform;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Publisher} adapter of each platform, as the adapter modules declare them. */
@Component
class Publishers {
    private final Map<Platform, Publisher> byPlatform;

    Publishers(List<Publisher> publishers) {
        this.byPlatform = Adapters.byPlatform(publishers, Publisher::platform);
    }

    Optional<Publisher> of(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }
}

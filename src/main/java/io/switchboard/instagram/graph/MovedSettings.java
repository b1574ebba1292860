package io.switchboard.instagram.graph;

import org.springframework.core.env.Environment;

import java.util.List;

/**
 * The Instagram client's settings moved from {@code switchboard.platform.*} to {@code switchboard.instagram.*}
 * when the platform adapters were split: an instance still configured the old way refuses to start, naming the
 * new setting, instead of quietly losing its Meta app or its Graph URL.
 */
final class MovedSettings {
    private static final List<String> MOVED = List.of("graph-url", "oauth-url", "authorize-url", "api-version",
            "app-id", "app-secret", "scopes");

    private MovedSettings() {
    }

    static void check(Environment environment) {
        for (String name : MOVED) {
            if (environment.containsProperty("switchboard.platform." + name)) {
                String env = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                throw new IllegalStateException("switchboard.platform." + name + " (SWITCHBOARD_PLATFORM_" + env
                        + ") is now switchboard.instagram." + name + " (SWITCHBOARD_INSTAGRAM_" + env
                        + "): rename the setting and start again.");
            }
        }
    }
}

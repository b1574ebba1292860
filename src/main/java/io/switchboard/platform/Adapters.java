package io.switchboard.platform;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** Finding the adapter of a port for each platform, for the modules that declare ports. */
public final class Adapters {

    private Adapters() {
    }

    /**
     * The adapters by the platform each serves.
     *
     * @throws IllegalStateException when two adapters serve one platform (a wiring mistake: fail at start)
     */
    public static <P> Map<Platform, P> byPlatform(Collection<P> adapters, Function<P, Platform> platformOf) {
        Map<Platform, P> map = new EnumMap<>(Platform.class);
        for (P adapter : adapters) {
            Platform platform = platformOf.apply(adapter);
            P other = map.putIfAbsent(platform, adapter);
            if (other != null) {
                throw new IllegalStateException("Two adapters for " + platform + ": " + other.getClass().getName()
                        + " and " + adapter.getClass().getName());
            }
        }
        return map;
    }
}

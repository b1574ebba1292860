package io.switchboard.publishing;

import io.switchboard.platform.Platform;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to look first at a new container: about as long as the platform took to process such containers lately,
 * learned on this instance per platform and post type from what first looks found. A first look that finds the
 * media still processing moves the next first looks to a tenth past that container's age (it was not ready at that
 * age, so the next ones will hardly be sooner); one that finds it ready moves them earlier by a fortieth, so about
 * one first look in five comes too early: a post waits a little past the moment its container is ready rather than
 * paying the looks of every post while the platform is slower than usual (a burst of thousands of containers queues
 * at the platform's fetchers, and every look is a call counted against the app).
 *
 * <p>The first looks of many containers made at once are one piece of news, not many: an early look moves the wait
 * to its own container's age and a tenth, never a tenth more for each such look; a look that found the container
 * ready moves it by a fortieth at most, and to no less than the age looked at less a tenth. Before, an early look
 * moved the wait by a tenth of the wait only, so one burst (containers ready after 75 s, first looks at 16 s)
 * never caught up and paid five looks a post. Never sooner than
 * {@code poll-first} (the typical processing time) nor later than {@code poll-max}; looks after the first grow from
 * {@code poll-first} as before. Nothing is stored: a new instance starts at {@code poll-first}.
 */
@Component
class FirstLooks {
    static final double LATER = 1.10;
    static final double SOONER = 1 / 1.025;
    private final Map<Key, Double> millis = new ConcurrentHashMap<>();
    private final PublishingSettings settings;

    FirstLooks(PublishingSettings settings) {
        this.settings = settings;
    }

    /** How long after a container is made to look at it first. */
    Duration wait(Platform platform, PostType type) {
        Double learned = millis.get(new Key(platform, type));
        return learned == null ? settings.pollFirst() : Duration.ofMillis(Math.round(learned));
    }

    /** What a first look at a container of the given age found: still processing, or ready. */
    void found(Platform platform, PostType type, Duration age, boolean ready) {
        double least = settings.pollFirst().toMillis();
        double most = Math.max(least, settings.pollMax().toMillis());
        double looked = age.toMillis();
        millis.compute(new Key(platform, type), (key, learned) -> {
            double now = learned == null ? least : learned;
            double next = ready ? Math.max(now * SOONER, Math.min(now, looked) / LATER)
                    : Math.max(now, looked * LATER);
            return Math.clamp(next, least, most);
        });
    }

    private record Key(Platform platform, PostType type) {
    }
}

package io.switchboard.publishing;

import io.switchboard.platform.Platform;

import io.switchboard.infrastructure.Durations;

import java.time.Duration;
import java.util.List;

/**
 * TikTok's rules a campaign can be checked against before launch (docs/development/platform-facts.md): TikTok takes
 * single videos only, not every privacy level with every disclosure, and no video over 10 minutes (warned here).
 * What depends on the creator (the privacy levels offered, its own longest video) is checked by the publisher
 * against the live creator info before each post.
 */
final class TikTokLimits {

    private TikTokLimits() {
    }

    /** The longest video TikTok takes from any creator; a creator's own maximum (its creator info) can be lower. */
    static final Duration MAX_VIDEO = Duration.ofMinutes(10);

    static void check(PostOptions options, List<Planner.Target> targets, List<Planner.Material> materials,
                      List<Plan.Problem> problems) {
        List<String> tiktok = targets.stream().filter(t -> t.platform() == Platform.TIKTOK)
                .map(t -> "@" + t.username()).toList();
        if (tiktok.isEmpty()) {
            return;
        }
        if (options.type() != PostType.REELS) {
            problems.add(Plan.Problem.error("TikTok accounts (" + String.join(", ", tiktok) + ") take single videos "
                    + "only: choose the Reel post type (a vertical video), or leave the TikTok accounts out."));
        }
        String problem = options.tiktok().problem();
        if (problem != null) {
            problems.add(Plan.Problem.error(problem));
        }
        materials.stream().filter(m -> m.video() && m.duration().compareTo(MAX_VIDEO) > 0).forEach(m ->
                problems.add(Plan.Problem.warning("\"" + m.title() + "\" plays " + Durations.words(m.duration())
                        + ", longer than the " + Durations.words(MAX_VIDEO) + " TikTok takes: its posts to the TikTok "
                        + "accounts (" + String.join(", ", tiktok) + ") will fail without being sent. Choose a "
                        + "shorter video for them, or leave them out.")));
    }
}

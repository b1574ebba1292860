package io.switchboard.publishing;

import io.switchboard.platform.Platform;

import java.util.List;

/**
 * TikTok's rules a campaign can be checked against before launch (docs/development/platform-facts.md): TikTok takes
 * single videos only, and not every privacy level with every disclosure. What depends on the creator (the privacy
 * levels offered, the longest video) is checked by the publisher against the live creator info before each post.
 */
final class TikTokLimits {

    private TikTokLimits() {
    }

    static void check(PostOptions options, List<Planner.Target> targets, List<Plan.Problem> problems) {
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
    }
}

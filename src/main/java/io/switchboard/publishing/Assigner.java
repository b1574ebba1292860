package io.switchboard.publishing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pairs accounts with media (or carousels of media) as the campaign's assignment says. */
final class Assigner {
    private Assigner() {
    }

    static List<Plan.Post> assign(CampaignSpec spec, List<Planner.Target> targets, List<Planner.Material> materials) {
        List<List<Long>> groups = groups(materials, spec.options().mediaPerPost());
        List<Plan.Post> posts = new ArrayList<>();
        switch (spec.assignment()) {
            case Assignment.EveryAccountEveryMedia every -> {
                for (Planner.Target target : targets) {
                    for (List<Long> group : groups) {
                        posts.add(post(posts.size() + 1, target, group));
                    }
                }
            }
            case Assignment.RoundRobin roundRobin -> {
                for (int i = 0; i < groups.size(); i++) {
                    posts.add(post(posts.size() + 1, targets.get(i % targets.size()), groups.get(i)));
                }
            }
            case Assignment.PerAccount perAccount -> {
                int each = Math.min(perAccount.perAccount(), groups.size());
                for (int a = 0; a < targets.size(); a++) {
                    for (int k = 0; k < each; k++) {
                        posts.add(post(posts.size() + 1, targets.get(a), groups.get((a * each + k) % groups.size())));
                    }
                }
            }
        }
        return posts;
    }

    /** How many posts {@link #assign} would make, worked out without making them. */
    static long count(CampaignSpec spec, int accounts, int media) {
        long groups = media / spec.options().mediaPerPost();
        return switch (spec.assignment()) {
            case Assignment.EveryAccountEveryMedia every -> accounts * groups;
            case Assignment.RoundRobin roundRobin -> groups;
            case Assignment.PerAccount perAccount -> accounts * Math.min(perAccount.perAccount(), groups);
        };
    }

    private static List<List<Long>> groups(List<Planner.Material> materials, int size) {
        List<List<Long>> groups = new ArrayList<>();
        for (int i = 0; i + size <= materials.size(); i += size) {
            groups.add(materials.subList(i, i + size).stream().map(Planner.Material::mediaId).toList());
        }
        return groups;
    }

    private static Plan.Post post(int number, Planner.Target target, List<Long> media) {
        return new Plan.Post(number, target.accountId(), media, "", Instant.EPOCH, null);
    }
}

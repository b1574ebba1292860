package io.switchboard.publishing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Pairs accounts with media (or carousels of media) as the campaign's assignment says. */
final class Assigner {
    private Assigner() {
    }

    /** Hands each post to {@code each} in number order, as it is made: no list of them is kept here. */
    static void assign(CampaignSpec spec, List<Planner.Target> targets, List<Planner.Material> materials,
                       Consumer<Plan.Post> each) {
        List<List<Long>> groups = groups(materials, spec.options().mediaPerPost());
        int number = 0;
        switch (spec.assignment()) {
            case Assignment.EveryAccountEveryMedia every -> {
                for (Planner.Target target : targets) {
                    for (List<Long> group : groups) {
                        each.accept(post(++number, target, group));
                    }
                }
            }
            case Assignment.RoundRobin roundRobin -> {
                for (int i = 0; i < groups.size(); i++) {
                    each.accept(post(++number, targets.get(i % targets.size()), groups.get(i)));
                }
            }
            case Assignment.PerAccount perAccount -> {
                int perTarget = Math.min(perAccount.perAccount(), groups.size());
                for (int a = 0; a < targets.size(); a++) {
                    for (int k = 0; k < perTarget; k++) {
                        each.accept(post(++number, targets.get(a), groups.get((a * perTarget + k) % groups.size())));
                    }
                }
            }
        }
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

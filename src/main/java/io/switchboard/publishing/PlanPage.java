package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of a planned campaign as the preview shows it: the plan is kept as a draft in the database, so a page is
 * its posts from {@code shownFrom} and the counts and kinds of problems found when it was planned.
 *
 * @param draft     the kept plan: the preview's forms carry it so that the next page and the launch read it
 * @param total     the plan's posts
 * @param errors    its blockers
 * @param warnings  its warnings
 * @param kinds     the first kinds of problem with their first examples; {@code kindCount} of them in all
 * @param first     the plan's first few posts (how they will look)
 * @param shown     the page's posts, from the 0-based place {@code shownFrom}
 * @param problems  the problems of the page's posts and their accounts
 * @param replanned why the plan was made again instead of read (something it depended on changed), null when not
 */
public record PlanPage(UUID draft, int total, int errors, int warnings, List<Plan.Kind> kinds, int kindCount,
                       List<PlanDay> days, List<Plan.Post> first, int shownFrom, List<Plan.Post> shown,
                       List<Plan.Problem> problems, Map<Long, Preview.TargetView> accounts, Map<Long, String> media,
                       @Nullable String replanned) {

    public PlanPage {
        kinds = List.copyOf(kinds);
        days = List.copyOf(days);
        first = List.copyOf(first);
        shown = List.copyOf(shown);
        problems = List.copyOf(problems);
    }

    /** Nothing blocks the launch: there are posts and no blocker. */
    public boolean launchable() {
        return total > 0 && errors == 0;
    }

    public boolean hasProblems() {
        return errors + warnings > 0;
    }

    /** The problems of one of the page's posts: its own, and its account's. */
    public List<Plan.Problem> problemsOf(Plan.Post post) {
        return problems.stream().filter(p -> p.concerns(post)).toList();
    }
}

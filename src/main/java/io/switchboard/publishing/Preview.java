package io.switchboard.publishing;

import java.util.List;
import java.util.Map;

/**
 * A campaign as it would go out, before launch, as the API answers it: the plan is made streaming, so only its first
 * posts are held, however many it has.
 *
 * @param postCount how many posts the plan has
 * @param first     its first posts, in order (at most as many as asked)
 * @param problems  every problem found
 * @param accounts  the target accounts by id: username and time zone, for showing the plan
 */
public record Preview(int postCount, List<Plan.Post> first, List<Plan.Problem> problems,
                      Map<Long, TargetView> accounts) {

    public Preview {
        first = List.copyOf(first);
        problems = List.copyOf(problems);
    }

    /** Nothing blocks the launch: there are posts and no blocker (as {@link Plan#launchable()}). */
    public boolean launchable() {
        return postCount > 0 && problems.stream().noneMatch(p -> p.severity() == Plan.Severity.ERROR);
    }

    /**
     * A target account as the preview shows it.
     *
     * @param holds    what would hold its posts back, in a few words each ("held: proxy down"); empty when nothing
     * @param platform the platform it is an account of
     */
    public record TargetView(long id, String username, String timeZone, List<String> holds,
                             io.switchboard.platform.Platform platform) {
    }
}

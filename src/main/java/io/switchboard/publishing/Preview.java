package io.switchboard.publishing;

import java.util.List;
import java.util.Map;

/**
 * A campaign as it would go out, before launch.
 *
 * @param accounts the target accounts by id: username and time zone, for showing the plan
 * @param media    the chosen media by id: title
 */
public record Preview(Plan plan, Map<Long, TargetView> accounts, Map<Long, String> media) {

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

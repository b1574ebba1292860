package io.switchboard.dashboard;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * Whether a request wants just a page's fragment: an htmx request that is neither a boosted navigation nor
 * the restoring of a history entry (both of which need the whole page).
 */
final class Fragments {
    private Fragments() {
    }

    static boolean wanted(HtmxRequest htmx) {
        return htmx.isHtmxRequest() && !htmx.isBoosted() && !htmx.isHistoryRestoreRequest();
    }
}

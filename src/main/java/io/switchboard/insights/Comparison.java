package io.switchboard.insights;

import java.util.List;

/**
 * Posts of one campaign grouped by the one thing that differed between them (caption variant, post type, hour).
 *
 * @param dimension what differs, in words ("caption", "hour published (UTC)")
 */
public record Comparison(String dimension, List<Group> groups) {

    public record Group(String label, Totals totals) {
    }
}

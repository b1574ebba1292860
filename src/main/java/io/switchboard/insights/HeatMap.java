package io.switchboard.insights;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;

/**
 * Average reach per post by weekday and hour of publishing, in the account's time zone, from its own history.
 *
 * @param rows one per weekday, Monday first; each with 24 cells, hour 0 first
 */
public record HeatMap(ZoneId zone, List<Row> rows, long maxAverageReach, long posts) {

    public record Row(DayOfWeek day, List<Slot> cells) {
    }

    /** 0 (no posts) to 4 (the best hours), for shading. */
    public int level(Slot cell) {
        if (cell.posts() == 0 || maxAverageReach == 0) {
            return 0;
        }
        return 1 + (int) Math.min(3, cell.averageReach() * 4 / (maxAverageReach + 1));
    }
}

package io.switchboard.insights;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily roll-up small: every minute, on one instance at a time, each day's added rows of {@code insight_day}
 * (a row per statement that changed its posts, V205) are folded into one. A day's sums read the same before and after;
 * a row added while it folds is not among those it deletes, so it stays beside the folded one.
 */
@Component
class DayFolding {
    private final DSLContext db;

    DayFolding(DSLContext db) {
        this.db = db;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "insights.fold-days", lockAtMostFor = "PT5M")
    void scheduled() {
        fold();
    }

    /** Folds every day with more than one row; how many rows it wrote. */
    int fold() {
        return db.execute("WITH busy AS (SELECT day FROM insight_day GROUP BY day HAVING count(*) > 1), "
                + "folded AS (DELETE FROM insight_day d USING busy WHERE d.day = busy.day RETURNING d.*) "
                + "INSERT INTO insight_day (day, posts, views, reach, interactions, likes, comments, shares, saved) "
                + "SELECT day, sum(posts), sum(views), sum(reach), sum(interactions), sum(likes), sum(comments), "
                + "sum(shares), sum(saved) FROM folded GROUP BY day "
                + "HAVING sum(posts) <> 0 OR sum(views) <> 0 OR sum(reach) <> 0 OR sum(interactions) <> 0 "
                + "OR sum(likes) <> 0 OR sum(comments) <> 0 OR sum(shares) <> 0 OR sum(saved) <> 0");
    }
}

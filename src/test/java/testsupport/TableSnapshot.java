package testsupport;

import org.jooq.DSLContext;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.jooq.impl.DSL.name;

/**
 * The whole content of some tables, as one fingerprint each, to prove that a refused request changed nothing
 * (not only that it answered 403).
 */
public final class TableSnapshot {
    private static final String DUE = "state IN ('queued', 'running') OR state = 'scheduled' AND run_at < now() + "
            + "interval '10 minutes'";

    private TableSnapshot() {
    }

    /**
     * The tables once no task is waiting or running any more (background work would change them on its own),
     * as {@link #of}.
     */
    public static Map<String, String> settled(DSLContext db, String... tables) {
        // a task's end may still be heard by a module's listener (a failed preparation rejects its item): settled
        // means no task to run and no event whose listener has yet to finish. Tasks planned for later (another
        // test's posts for the day after tomorrow, in a shared database) cannot change anything while we look.
        TaskWaits.eventually(java.time.Duration.ofSeconds(60), () -> org.assertj.core.api.Assertions.assertThat(
                db.fetchSingle("SELECT (SELECT count(*) FROM task WHERE " + DUE + ")"
                        + " + (SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
                        + " AND coalesce(status, '') <> 'FAILED')").get(0, Long.class))
                .as("tasks still to finish and events still to be handled: %s", db.fetch("SELECT kind, state, run_at, "
                        + "last_error FROM task WHERE " + DUE).formatCSV())
                .isZero());
        return of(db, tables);
    }

    /** Table name to its row count and an MD5 of all its rows. */
    public static Map<String, String> of(DSLContext db, String... tables) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String table : tables) {
            fingerprints.put(table, db.fetchSingle("SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, "
                    + "'|' ORDER BY t::text)), '-') FROM {0} t", name(table)).get(0, String.class));
        }
        return fingerprints;
    }
}

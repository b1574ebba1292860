package io.switchboard.infrastructure;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import static org.jooq.impl.DSL.field;

/** What the Overview page says about the database: server version, schema version, size. */
@Component
public class DatabaseFacts {
    private static final long FRESHNESS_NANOS = 30_000_000_000L;
    private final DSLContext db;
    private final Flyway flyway;
    private volatile @Nullable Cached cached;

    DatabaseFacts(DSLContext db, Flyway flyway) {
        this.db = db;
        this.flyway = flyway;
    }

    public record Facts(String serverVersion, String schemaVersion, String schemaDescription, long sizeBytes) {
    }

    /** The facts, read at most every 30 seconds (Flyway's info walks every migration). */
    public Facts read() {
        Cached cached = this.cached;
        if (cached == null || System.nanoTime() - cached.readNanos() > FRESHNESS_NANOS) {
            cached = new Cached(readNow(), System.nanoTime());
            this.cached = cached;
        }
        return cached.facts();
    }

    private record Cached(Facts facts, long readNanos) {
    }

    private Facts readNow() {
        var row = db.select(field("current_setting('server_version')", String.class),
                        field("pg_database_size(current_database())", Long.class))
                .fetchSingle();
        MigrationInfo current = flyway.info().current();
        return new Facts(row.value1(),
                current == null ? "none" : current.getVersion().getVersion(),
                current == null ? "" : current.getDescription(),
                row.value2());
    }

    /** The database clock; leases, lockouts and heartbeats are all measured on it. */
    public java.time.OffsetDateTime now() {
        return db.select(field("now()", java.time.OffsetDateTime.class)).fetchSingle().value1();
    }

}

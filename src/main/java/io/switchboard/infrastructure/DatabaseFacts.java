package io.switchboard.infrastructure;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static org.jooq.impl.DSL.field;

/** What the Overview page says about the database: server version, schema version, size. */
@Component
public class DatabaseFacts {
    private final DSLContext db;
    private final Flyway flyway;

    DatabaseFacts(DSLContext db, Flyway flyway) {
        this.db = db;
        this.flyway = flyway;
    }

    public record Facts(String serverVersion, String schemaVersion, String schemaDescription, long sizeBytes) {
    }

    public Facts read() {
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

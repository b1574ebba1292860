package io.switchboard.infrastructure;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/** What the Overview page says about the database: server version, schema version, size; read when asked. */
@Component
public class DatabaseFacts {
    private final DSLContext db;
    private final String history;

    DatabaseFacts(DSLContext db, Flyway flyway) {
        this.db = db;
        this.history = flyway.getConfiguration().getTable();
    }

    public record Facts(String serverVersion, String schemaVersion, String schemaDescription, long sizeBytes) {
    }

    /** The facts as the database has them now: one small query, no walk over the migrations. */
    public Facts read() {
        var row = db.select(field("current_setting('server_version')", String.class),
                        field("pg_database_size(current_database())", Long.class))
                .fetchSingle();
        var current = db.select(field(name("version"), String.class), field(name("description"), String.class))
                .from(table(name(history))).where(field(name("success"), Boolean.class).isTrue()
                        .and(field(name("version")).isNotNull()))
                .orderBy(field(name("installed_rank")).desc()).limit(1).fetchOptional();
        return new Facts(row.value1(), current.map(r -> r.value1()).orElse("none"),
                current.map(r -> r.value2()).orElse(""), row.value2());
    }

    /** The database clock; leases, lockouts and heartbeats are all measured on it. */
    public OffsetDateTime now() {
        return db.select(field("now()", OffsetDateTime.class)).fetchSingle().value1();
    }
}

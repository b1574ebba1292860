package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With nothing configured, Switchboard runs on its own durable PostgreSQL whose data outlives the process:
 * an operator created before a restart still signs in after it.
 */
class EmbeddedDefaultTest {

    @Test
    void data_survives_a_restart_and_the_embedded_server_is_durable(@TempDir Path home) {
        Path dataDir = home.resolve("postgres");
        String username;
        try (AppInstance first = AppInstance.startEmbedded(dataDir)) {
            DSLContext db = first.bean(DSLContext.class);
            assertThat(db.fetchValue("SHOW fsync")).isEqualTo("on");
            assertThat(db.fetchValue("SHOW synchronous_commit")).isEqualTo("on");
            username = Operators.create(first, "OPERATOR");
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();

        try (AppInstance second = AppInstance.startEmbedded(dataDir)) {
            Operators.signedIn(second, username, Operators.PASSWORD);
            var health = Operators.signedIn(second, "admin", AppInstance.ADMIN_PASSWORD)
                    .get(second.url("/actuator/health"));
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
    }
}

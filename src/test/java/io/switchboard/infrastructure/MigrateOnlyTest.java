package io.switchboard.infrastructure;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The deploy-job switch is a property like any other: set in a config file (not only on the command line), it
 * stops the application before any bean, and the migrations alone run and exit with 0.
 */
class MigrateOnlyTest {

    @Test
    void set_in_a_config_file_it_applies_the_migrations_and_exits(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("deploy-job.yml"), "switchboard:\n  migrate-only: true\n");
        String url = TestPostgres.freshDatabase();
        String[] args = {"--spring.config.additional-location=file:" + config, "--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres"};

        assertThat(startAsMainDoes(args)).isInstanceOf(MigrateOnly.Requested.class);
        assertThat(MigrateOnly.run(args)).isZero();

        assertOnlyMigrated(url);
    }

    @Test
    void a_bare_command_line_switch_counts_as_on() {
        String[] args = {"--switchboard.migrate-only", "--server.port=0", "--spring.datasource.url=jdbc:postgresql://none/x"};

        assertThat(startAsMainDoes(args)).isInstanceOf(MigrateOnly.Requested.class);
    }

    private static Throwable startAsMainDoes(String[] args) {
        return catchThrowable(() -> {
            try (ConfigurableApplicationContext started = SwitchboardApplication.application().run(args)) {
                // reaching here means the whole application started: the switch was ignored
            }
        });
    }

    private static void assertOnlyMigrated(String url) throws Exception {
        try (var connection = DriverManager.getConnection(url, "postgres", "postgres");
             var result = connection.createStatement().executeQuery(
                     "SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success), "
                             + "(SELECT count(*) FROM instance) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            result.next();
            assertThat(result.getLong(1)).isPositive();
            assertThat(result.getLong(2)).isZero();
            assertThat(result.getLong(3)).as("no instance registered: nothing but Flyway ran").isZero();
        }
    }
}

package io.switchboard.infrastructure;

import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy-job switch applies the migrations, starts nothing else and exits with 0. */
class MigrateOnlyTest {

    @Test
    void applies_the_migrations_and_exits() throws Exception {
        String url = TestPostgres.freshDatabase();
        String[] args = {"--switchboard.migrate-only=true", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres"};
        assertThat(MigrateOnly.requested(args)).isTrue();

        assertThat(MigrateOnly.run(args)).isZero();

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

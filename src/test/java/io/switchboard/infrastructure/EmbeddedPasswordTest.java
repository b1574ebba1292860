package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL asks for a password kept beside its data (mode 600), never {@code trust}: from the
 * first start of a new data folder, and from the next start of a folder made before passwords, its data kept.
 */
class EmbeddedPasswordTest {

    @Test
    void a_new_data_folder_requires_the_generated_password(@TempDir Path home) throws Exception {
        Path dataDir = home.resolve("postgres");
        try (AppInstance app = AppInstance.startEmbedded(dataDir)) {
            assertPasswordRequired(app.bean(EmbeddedPostgresServer.class).jdbcUrl(), dataDir);
        }
        try (AppInstance again = AppInstance.startEmbedded(dataDir)) {
            assertPasswordRequired(again.bean(EmbeddedPostgresServer.class).jdbcUrl(), dataDir);
        }
    }

    @Test
    void a_data_folder_made_with_trust_is_given_a_password_and_keeps_its_data(@TempDir Path home) throws Exception {
        Path dataDir = home.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .start(); var connection = old.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE SCHEMA earlier");
            connection.createStatement().execute("CREATE TABLE earlier.kept (note TEXT)");
            connection.createStatement().execute("INSERT INTO earlier.kept VALUES ('still here')");
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).contains("trust");

        try (AppInstance app = AppInstance.startEmbedded(dataDir)) {
            String url = app.bean(EmbeddedPostgresServer.class).jdbcUrl();
            assertPasswordRequired(url, dataDir);
            try (var connection = DriverManager.getConnection(url, "postgres", password(dataDir));
                 var result = connection.createStatement().executeQuery("SELECT note FROM earlier.kept")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("still here");
            }
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#].*\\strust\\s*$");
    }

    private static void assertPasswordRequired(String jdbcUrl, Path dataDir) throws Exception {
        Path file = EmbeddedPostgresServer.passwordFile(dataDir);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, "postgres", "postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl + "&password=").close())
                .isInstanceOf(SQLException.class);
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", password(dataDir))) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    private static String password(Path dataDir) throws Exception {
        return Files.readString(EmbeddedPostgresServer.passwordFile(dataDir)).strip();
    }
}

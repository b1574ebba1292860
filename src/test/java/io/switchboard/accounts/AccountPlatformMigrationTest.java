package io.switchboard.accounts;

import io.switchboard.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V75 on a database with accounts from before: every existing account is an Instagram account, a new one must
 * name its platform, and a platform user id is unique within its platform only.
 */
class AccountPlatformMigrationTest {

    @Test
    void existing_accounts_become_instagram_accounts() throws SQLException {
        String url = TestPostgres.freshDatabase();
        flyway(url).target(lastBefore75(url)).load().migrate();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            db.createStatement().execute("INSERT INTO account (platform_user_id, username, token_ciphertext, "
                    + "token_key_id, connected_via) VALUES ('1784', 'before', '\\x00', 'k', 'TOKEN')");

            flyway(url).load().migrate();

            var row = db.createStatement().executeQuery("SELECT platform FROM account WHERE username = 'before'");
            row.next();
            assertThat(row.getString(1)).isEqualTo("INSTAGRAM");
            assertThatThrownBy(() -> db.createStatement().execute("INSERT INTO account (platform_user_id, username, "
                    + "token_ciphertext, token_key_id, connected_via) VALUES ('1785', 'nameless', '\\x00', 'k', 'TOKEN')"))
                    .as("a new account names its platform").hasMessageContaining("platform");
            assertThatThrownBy(() -> db.createStatement().execute("INSERT INTO account (platform, platform_user_id, "
                    + "username, token_ciphertext, token_key_id, connected_via) VALUES ('INSTAGRAM', '1784', 'twice', "
                    + "'\\x00', 'k', 'TOKEN')")).as("one account per platform user").hasMessageContaining("account_platform_user_key");
            assertThatThrownBy(() -> db.createStatement().execute("INSERT INTO account (platform, platform_user_id, "
                    + "username, token_ciphertext, token_key_id, connected_via) VALUES ('MYSPACE', '1', 'unknown', "
                    + "'\\x00', 'k', 'TOKEN')")).hasMessageContaining("account_platform_known");
        }
    }

    /** The newest migration before V75, whatever other changes numbered theirs. */
    private static MigrationVersion lastBefore75(String url) {
        MigrationVersion v75 = MigrationVersion.fromVersion("75");
        return Arrays.stream(flyway(url).load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v75.isNewerThan(v))
                .max(MigrationVersion::compareTo).orElseThrow();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration");
    }
}

package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the encryption key comes from, and what sealing does with it. */
class EncryptionKeyTest {
    private final EncryptionKeyConfiguration configuration = new EncryptionKeyConfiguration();

    @Test
    void with_the_embedded_database_and_no_key_one_is_generated_next_to_the_data_and_kept(@TempDir Path data) throws Exception {
        EmbeddedDatabaseSettings embedded = new EmbeddedDatabaseSettings(data.resolve("postgres"), 0, true);

        SecretBox first = configuration.secretBox(new EncryptionSettings(null), embedded, new MockEnvironment());
        SecretBox second = configuration.secretBox(new EncryptionSettings(null), embedded, new MockEnvironment());

        Path file = data.resolve(EncryptionKeyConfiguration.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.open("test", first.seal("test", "a secret"))).isEqualTo("a secret");
    }

    @Test
    void an_instance_on_its_own_database_without_a_key_does_not_start_and_says_how_to_make_one() {
        assertThatThrownBy(() -> AppInstance.start(TestPostgres.freshDatabase(), "switchboard.encryption.key="))
                .rootCause().hasMessageContaining("SWITCHBOARD_ENCRYPTION_KEY is not set")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void a_key_of_the_wrong_size_is_refused() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x");
        assertThatThrownBy(() -> configuration.secretBox(new EncryptionSettings("c2hvcnQ="), new EmbeddedDatabaseSettings(
                Path.of("data/postgres"), 0, true), environment)).hasMessageContaining("must be 32 bytes");
    }

    @Test
    void sealing_uses_a_fresh_nonce_binds_the_purpose_and_detects_tampering() {
        SecretBox box = configuration.secretBox(new EncryptionSettings(AppInstance.ENCRYPTION_KEY),
                new EmbeddedDatabaseSettings(Path.of("data/postgres"), 0, true), new MockEnvironment());
        SecretBox.Sealed one = box.seal("account-token", "IGSB-token");
        SecretBox.Sealed two = box.seal("account-token", "IGSB-token");

        assertThat(one.bytes()).isNotEqualTo(two.bytes());
        assertThat(one.toString()).doesNotContain("IGSB");
        assertThat(box.open("account-token", two)).isEqualTo("IGSB-token");
        assertThatThrownBy(() -> box.open("proxy-password", one)).isInstanceOf(SecretUnreadable.class)
                .hasMessageNotContaining("IGSB");
        byte[] tampered = one.bytes().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open("account-token", new SecretBox.Sealed(one.keyId(), tampered)))
                .isInstanceOf(SecretUnreadable.class);
    }
}

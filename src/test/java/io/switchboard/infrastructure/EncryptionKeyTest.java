package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the encryption key comes from, and what sealing does with it. */
class EncryptionKeyTest {
    private final EncryptionKeyConfiguration configuration = new EncryptionKeyConfiguration();

    @Test
    void with_the_embedded_database_and_no_key_one_is_generated_next_to_the_data_and_kept(@TempDir Path data) throws Exception {
        EmbeddedDatabaseSettings embedded = new EmbeddedDatabaseSettings(data.resolve("postgres"), 0, true);

        SecretBox first = configuration.secretBox(new EncryptionSettings(null, List.of()), embedded, new MockEnvironment());
        SecretBox second = configuration.secretBox(new EncryptionSettings(null, List.of()), embedded, new MockEnvironment());

        Path file = data.resolve(EncryptionKeyConfiguration.KEY_FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var left = Files.list(data)) {
            assertThat(left).as("nothing half-written left beside it").containsExactly(file);
        }
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
        assertThatThrownBy(() -> configuration.secretBox(new EncryptionSettings("c2hvcnQ=", List.of()), new EmbeddedDatabaseSettings(
                Path.of("data/postgres"), 0, true), environment)).hasMessageContaining("must be 32 bytes");
    }

    @Test
    void sealing_uses_a_fresh_nonce_binds_the_purpose_and_detects_tampering() {
        SecretBox box = configuration.secretBox(new EncryptionSettings(AppInstance.ENCRYPTION_KEY, List.of()),
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

    @Test
    void after_a_rotation_new_values_are_sealed_with_the_newest_key_and_old_ones_still_open() {
        EmbeddedDatabaseSettings embedded = new EmbeddedDatabaseSettings(Path.of("data/postgres"), 0, true);
        SecretBox old = configuration.secretBox(new EncryptionSettings(AppInstance.ENCRYPTION_KEY, List.of()), embedded,
                new MockEnvironment());
        SecretBox.Sealed before = old.seal("account-token", "IGSB-old");
        String newKey = "bmV3LWtleS1mb3Itcm90YXRpb24tdGVzdHMtMzJieXQ=";

        SecretBox rotated = configuration.secretBox(new EncryptionSettings(newKey, List.of(AppInstance.ENCRYPTION_KEY)),
                embedded, new MockEnvironment());

        assertThat(rotated.keyId()).isNotEqualTo(old.keyId());
        assertThat(rotated.keyIds()).containsExactly(rotated.keyId(), old.keyId());
        assertThat(rotated.seal("account-token", "IGSB-new").keyId()).isEqualTo(rotated.keyId());
        assertThat(rotated.open("account-token", before)).isEqualTo("IGSB-old");
        SecretBox.Sealed resealed = rotated.reseal("account-token", before);
        assertThat(resealed.keyId()).isEqualTo(rotated.keyId());
        SecretBox newOnly = configuration.secretBox(new EncryptionSettings(newKey, List.of()), embedded, new MockEnvironment());
        assertThat(newOnly.open("account-token", resealed)).isEqualTo("IGSB-old");
        assertThatThrownBy(() -> newOnly.open("account-token", before)).isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining(old.keyId()).hasMessageContaining("SWITCHBOARD_ENCRYPTION_PREVIOUS_KEYS");
    }
}

package io.switchboard.keys;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.Proxies;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.ACCOUNT;
import static switchboard.jooq.Tables.PROXY;
import static switchboard.jooq.Tables.TASK;
import static testsupport.TaskWaits.eventually;

/**
 * A key rotation end to end: secrets sealed with the old key; an instance started with a new key and the old one
 * as previous re-seals every one of them through the module that owns it, with progress; an instance that then
 * has only the new key opens them all.
 */
class KeyRotationTest {
    private static final String NEW_KEY = randomKey();

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void a_new_key_with_the_old_one_as_previous_reseals_every_secret_and_the_old_key_can_then_go() {
        String url = TestPostgres.freshDatabase();
        String oldKeyId;
        try (AppInstance before = AppInstance.start(url)) {
            SignedIn.as("rotation-test", "ADMIN");
            new PublishingFixture(before).accounts(3, "rotation");
            Proxies proxies = before.bean(Proxies.class);
            for (int i = 1; i <= 2; i++) {
                proxies.add(new ProxyDraft("rotation-" + i, "http", "127.0.0.1", String.valueOf(3000 + i), "user",
                        "proxy-password-" + i, "", "", false));
            }
            oldKeyId = before.bean(SecretBox.class).keyId();
        }

        try (AppInstance rotated = AppInstance.start(url, "switchboard.encryption.key=" + NEW_KEY,
                "switchboard.encryption.previous-keys=" + AppInstance.ENCRYPTION_KEY)) {
            DSLContext db = rotated.bean(DSLContext.class);
            eventually(Duration.ofSeconds(60), () -> assertThat(db.select(TASK.STATE).from(TASK)
                    .where(TASK.KIND.eq("keys.reseal")).fetchOne(TASK.STATE)).isEqualTo("succeeded"));
            long taskId = db.select(TASK.ID).from(TASK).where(TASK.KIND.eq("keys.reseal")).fetchSingle(TASK.ID);
            TaskDetail detail = rotated.bean(Tasks.class).detail(taskId).orElseThrow();
            assertThat(detail.task().progressDone()).isEqualTo(5L);
            assertThat(detail.task().progressTotal()).isEqualTo(5L);
            assertThat(detail.counters()).isEqualTo(Map.of("account tokens", 3L, "proxy passwords", 2L));
        }

        try (AppInstance after = AppInstance.start(url, "switchboard.encryption.key=" + NEW_KEY)) {
            SecretBox box = after.bean(SecretBox.class);
            DSLContext db = after.bean(DSLContext.class);
            assertThat(box.keyIds()).containsExactly(box.keyId()).doesNotContain(oldKeyId);
            var tokens = db.select(ACCOUNT.TOKEN_KEY_ID, ACCOUNT.TOKEN_CIPHERTEXT).from(ACCOUNT).fetch();
            assertThat(tokens).hasSize(3).allSatisfy(r -> assertThat(
                    box.open("account-token", new SecretBox.Sealed(r.value1(), r.value2()))).isNotBlank());
            var passwords = db.select(PROXY.PASSWORD_KEY_ID, PROXY.PASSWORD_CIPHERTEXT).from(PROXY).orderBy(PROXY.ID).fetch();
            assertThat(passwords).extracting(r -> box.open("proxy-password", new SecretBox.Sealed(r.value1(), r.value2())))
                    .containsExactly("proxy-password-1", "proxy-password-2");
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

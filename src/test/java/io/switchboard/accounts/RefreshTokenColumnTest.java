package io.switchboard.accounts;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.Platform;
import io.switchboard.platform.PlatformResult;
import io.switchboard.platform.Profile;
import io.switchboard.sandbox.TikTokControl;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.SharedApp;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.net.URI;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.ACCOUNT;
import static testsupport.TaskWaits.eventually;

/**
 * A TikTok account's refresh token is sealed in its own column (V151): renewals replace both tokens, each in its own
 * column, so the next renewal works with the refresh token the last one issued; a secret sealed before V151 with both
 * packed as "access|refresh" is split into the two columns the first time it is read.
 */
class RefreshTokenColumnTest {
    private static AppInstance app;
    private static Accounts accounts;
    private static TokenVault vault;
    private static DSLContext db;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        accounts = app.bean(Accounts.class);
        vault = app.bean(TokenVault.class);
        db = app.bean(DSLContext.class);
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("refresh-test", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void renewals_keep_each_token_in_its_own_column_and_the_next_renewal_uses_the_new_refresh_token() {
        String tag = "rf" + UUID.randomUUID().toString().substring(0, 6);
        long id = app.bean(Connections.class).createSandboxAccounts(Platform.TIKTOK, 1, tag, tag,
                URI.create(app.url("/accounts/connect/callback"))).getFirst();
        Credentials connected = accounts.credentials(id);
        assertThat(connected.refreshToken()).as("Login Kit's refresh token, stored").startsWith("rft.");
        assertThat(connected.accessToken()).doesNotContain("|").doesNotContain(connected.refreshToken());
        byte[] refreshColumn = sealed(id).value3();
        assertThat(refreshColumn).as("in its own column").isNotNull();
        assertThat(new String(refreshColumn, java.nio.charset.StandardCharsets.ISO_8859_1)).as("sealed")
                .doesNotContain(connected.refreshToken());

        Credentials renewed = renew(id, connected);
        Credentials again = renew(id, renewed);
        assertThat(again.refreshToken()).isNotEqualTo(renewed.refreshToken());
        assertThat(opens(again)).as("the renewed access token opens the creator's profile").isTrue();
    }

    @Test
    void a_secret_packed_before_the_refresh_column_is_split_when_first_read() {
        String tag = "lg" + UUID.randomUUID().toString().substring(0, 6);
        Credentials creator = TikTokControl.creator(app, tag);
        long id = TikTokControl.connect(app, creator.accessToken(), tag);
        SecretBox.Sealed packed = vault.seal(creator.accessToken() + "|" + creator.refreshToken());
        // as Login Kit's connection stored it before V151: both in one secret, expiring in 24 hours
        db.update(ACCOUNT).set(ACCOUNT.TOKEN_CIPHERTEXT, packed.bytes()).set(ACCOUNT.TOKEN_KEY_ID, packed.keyId())
                .set(ACCOUNT.TOKEN_EXPIRES_AT, java.time.OffsetDateTime.now().plusHours(24))
                .setNull(ACCOUNT.REFRESH_CIPHERTEXT).setNull(ACCOUNT.REFRESH_KEY_ID).where(ACCOUNT.ID.eq(id)).execute();

        Credentials read = accounts.credentials(id);
        assertThat(read.accessToken()).isEqualTo(creator.accessToken());
        assertThat(read.refreshToken()).isEqualTo(creator.refreshToken());
        var stored = sealed(id);
        assertThat(vault.open(new SecretBox.Sealed(stored.value2(), stored.value1())))
                .as("the access column holds the access token alone").isEqualTo(creator.accessToken());
        assertThat(vault.open(new SecretBox.Sealed(stored.value4(), stored.value3())))
                .isEqualTo(creator.refreshToken());
        assertThat(accounts.credentials(id)).as("read again, from the two columns").isEqualTo(read);

        Credentials renewed = renew(id, read);
        assertThat(opens(renewed)).isTrue();
    }

    /** Asks token health to renew (TikTok's 24-hour token is always within the refresh window) and waits for it. */
    private static Credentials renew(long id, Credentials before) {
        accounts.checkHealth(java.util.List.of(id));
        eventually(java.time.Duration.ofSeconds(120),
                () -> assertThat(accounts.credentials(id).accessToken()).isNotEqualTo(before.accessToken()));
        Credentials after = accounts.credentials(id);
        assertThat(after.refreshToken()).startsWith("rft.");
        assertThat(after.accessToken()).doesNotContain("|");
        return after;
    }

    private static boolean opens(Credentials credentials) {
        return app.bean(PlatformPorts.class).profiles(Platform.TIKTOK).profile(credentials)
                instanceof PlatformResult.Ok<Profile>;
    }

    private static Record4<byte[], String, byte[], String> sealed(long id) {
        return db.select(ACCOUNT.TOKEN_CIPHERTEXT, ACCOUNT.TOKEN_KEY_ID, ACCOUNT.REFRESH_CIPHERTEXT,
                ACCOUNT.REFRESH_KEY_ID).from(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchSingle();
    }
}

package io.switchboard.dashboard;

import io.switchboard.accounts.AccountProblem;
import io.switchboard.accounts.Accounts;
import io.switchboard.media.MediaLibrary;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import io.switchboard.tasks.Tasks;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import testsupport.SignedIn;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The smaller hardening items, each through the real thing: pages over HTTP, commands through their services. */
class HardeningPagesTest {
    private static AppInstance app;
    private static long accountId;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        SignedIn.as("setup", "OPERATOR");
        try {
            accountId = app.bean(io.switchboard.accounts.Connections.class).createSandboxAccounts(io.switchboard.platform.Platform.INSTAGRAM, 1, "harden", "",
                    URI.create(app.url("/accounts/connect/callback"))).getFirst();
        } finally {
            SignedIn.out();
        }
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void the_live_quota_which_calls_the_platform_is_for_operators_only() {
        WebSession viewer = Operators.signedIn(app, Operators.create(app, "VIEWER"), Operators.PASSWORD);
        assertThat(viewer.get(app.url("/accounts/" + accountId + "/quota"), Map.of("HX-Request", "true")).statusCode())
                .isEqualTo(403);
        String page = viewer.get(app.url("/accounts/" + accountId)).body();
        assertThat(page).contains("Operators see the live quota here").doesNotContain("/quota\"");

        WebSession operator = Operators.signedIn(app, Operators.create(app, "OPERATOR"), Operators.PASSWORD);
        assertThat(operator.get(app.url("/accounts/" + accountId)).body()).contains("hx-get=\"/accounts/" + accountId + "/quota\"");
        var quota = operator.get(app.url("/accounts/" + accountId + "/quota"), Map.of("HX-Request", "true"));
        assertThat(quota.statusCode()).isEqualTo(200);
        assertThat(quota.body()).contains("posts in the last 24 hours");
    }

    @Test
    void a_website_from_the_platform_that_is_not_http_shows_as_text_never_as_a_link() {
        DSLContext db = app.bean(DSLContext.class);
        db.query("UPDATE account SET website = ? WHERE id = ?", "javascript:alert(document.cookie)", accountId).execute();
        WebSession operator = Operators.admin(app);
        String page = operator.get(app.url("/accounts/" + accountId)).body();
        assertThat(page).contains("javascript:alert(document.cookie)").doesNotContain("href=\"javascript:");

        db.query("UPDATE account SET website = ? WHERE id = ?", "https://example.com/shop", accountId).execute();
        assertThat(operator.get(app.url("/accounts/" + accountId)).body()).contains("href=\"https://example.com/shop\"");
        Formats formats = new Formats();
        assertThat(formats.webLink("HTTPS://example.com")).isNotNull();
        assertThat(formats.webLink("data:text/html,<script>x</script>")).isNull();
        assertThat(formats.webLink(" javascript:alert(1)")).isNull();
        assertThat(formats.webLink("//evil.example")).isNull();
    }

    @Test
    void account_texts_have_caps_with_a_message() {
        SignedIn.as("caps", "OPERATOR");
        Accounts accounts = app.bean(Accounts.class);
        assertThatThrownBy(() -> accounts.update(accountId, "UTC", "", "", "", "https://example.com/" + "a".repeat(500)))
                .isInstanceOf(AccountProblem.class).hasMessageContaining("at most 500 characters");
        String tags = java.util.stream.IntStream.range(0, 31).mapToObj(i -> "t" + i)
                .collect(java.util.stream.Collectors.joining(";"));
        assertThatThrownBy(() -> accounts.update(accountId, "UTC", tags, "", "", ""))
                .isInstanceOf(AccountProblem.class).hasMessageContaining("31 tags: give at most 30");
        assertThatThrownBy(() -> app.bean(io.switchboard.accounts.Connections.class).connectWithToken(
                io.switchboard.platform.Platform.INSTAGRAM, "T".repeat(5000), "UTC", ""))
                .isInstanceOf(AccountProblem.class).hasMessageContaining("tokens have at most 2048");
    }

    @Test
    void task_queue_and_media_commands_need_an_operator_whoever_calls_them() {
        Tasks tasks = app.bean(Tasks.class);
        MediaLibrary library = app.bean(MediaLibrary.class);
        assertThatThrownBy(() -> tasks.pauseQueue("default", "nobody"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        SignedIn.as("viewer", "VIEWER");
        assertThatThrownBy(() -> tasks.pauseQueue("default", "viewer")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> tasks.cancel(1)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> tasks.retry(1)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> tasks.cancelGroup("campaign:1")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> library.delete(1)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> library.prepareAgain(1)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> library.upload("x.mp4", java.io.InputStream.nullInputStream(), "viewer"))
                .isInstanceOf(AuthorizationDeniedException.class);
        SignedIn.as("operator", "OPERATOR");
        tasks.pauseQueue("hardening-test", "operator");
        tasks.resumeQueue("hardening-test", "operator");
    }
}

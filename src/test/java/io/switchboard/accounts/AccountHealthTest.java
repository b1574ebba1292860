package io.switchboard.accounts;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.platform.Credentials;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import testsupport.AccountEvents;
import testsupport.AesGcm;
import testsupport.SignedIn;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.ACCOUNT;
import static testsupport.TaskWaits.awaitState;
import static testsupport.TaskWaits.eventually;

/**
 * Token health and profile audit runners against the sandbox, and the secrecy of tokens: ciphertext in the
 * column, absent from logs and task payloads.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountHealthTest {
    private static AppInstance app;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(AccountEvents.class),
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                // every Graph API call is logged with its URL, where the token would show if not redacted
                "logging.level.io.switchboard.instagram=DEBUG");
        accounts = app.bean(Accounts.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("health-test", "OPERATOR");
        SandboxControl.clearFaults(app);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void tokens_are_ciphertext_at_rest_and_never_in_logs_or_task_payloads(CapturedOutput output) {
        List<Credentials> sandbox = IntStream.range(0, 3).mapToObj(i -> SandboxControl.account(app, "secret")).toList();
        StringBuilder csv = new StringBuilder("access_token,tags,platform\n");
        sandbox.forEach(s -> csv.append(s.accessToken()).append(",secret,instagram\n"));
        ImportPreview preview = accounts.previewImport(csv.toString());
        assertThat(preview.errors()).isEmpty();
        accounts.commitImport(preview.id());
        List<Account> imported = accounts.byTag("secret");
        SandboxControl.ageTokens(app, sandbox.getFirst().platformUserId());

        accounts.checkHealth(imported.stream().map(Account::id).toList());
        eventually(() -> assertThat(accounts.byTag("secret")).allSatisfy(a -> assertThat(a.healthOk()).isTrue()));

        DSLContext db = app.bean(DSLContext.class);
        SecretBox box = app.bean(SecretBox.class);
        java.util.Set<String> nonces = new java.util.HashSet<>();
        for (Credentials s : sandbox) {
            var row = db.select(ACCOUNT.TOKEN_CIPHERTEXT, ACCOUNT.TOKEN_KEY_ID).from(ACCOUNT)
                    .where(ACCOUNT.PLATFORM_USER_ID.eq(s.platformUserId())).fetchSingle();
            String current = accounts.credentials(accounts.byTag("secret").stream()
                    .filter(a -> a.platformUserId().equals(s.platformUserId())).findFirst().orElseThrow().id()).accessToken();
            assertThat(AesGcm.open("account-token", row.value1())).isEqualTo(current);
            assertThat(nonces.add(AesGcm.nonce(row.value1()))).as("a fresh nonce per value").isTrue();
            assertThat(row.value2()).isEqualTo(box.keyId());
            assertThat(output.getAll()).doesNotContain(s.accessToken()).doesNotContain(current);
        }
        Tasks tasks = app.bean(Tasks.class);
        for (Account a : imported) {
            AccountTaskRef ref = accounts.recentTasks(a.id(), 1).getFirst();
            String payload = tasks.detail(ref.taskId()).orElseThrow().payloadJson();
            assertThat(payload).contains(String.valueOf(a.id()));
            sandbox.forEach(s -> assertThat(payload).doesNotContain(s.accessToken()));
        }
        assertThat(output.getAll()).contains("Graph API").contains("access_token=***");
    }

    @Test
    void a_token_expiring_soon_is_refreshed_by_the_health_check() {
        Account account = connect("refresh");
        String before = accounts.credentials(account.id()).accessToken();
        SandboxControl.ageTokens(app, account.platformUserId());

        Account checked = check(account);

        assertThat(checked.healthOk()).isTrue();
        assertThat(checked.healthMessage()).contains("refreshed");
        assertThat(checked.tokenRefreshedAt()).isNotNull();
        assertThat(checked.tokenExpiresAt()).isAfter(OffsetDateTime.now().plusDays(59));
        assertThat(accounts.credentials(account.id()).accessToken()).isNotEqualTo(before);
    }

    @Test
    void a_refused_token_needs_reconnecting_until_a_new_token_connects_the_account_again() {
        Account account = connect("refused");
        SandboxControl.revokeTokens(app, account.platformUserId());

        Account checked = check(account);

        assertThat(checked.status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(checked.statusReason()).contains("refused the token");
        assertThat(checked.healthOk()).isFalse();
        assertThat(AccountEvents.of(account.id())).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(e.to()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        });

        SandboxControl.connect(app, SandboxControl.newToken(app, account.platformUserId()), "");
        assertThat(accounts.find(account.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(AccountEvents.of(account.id())).hasSize(2).last().satisfies(e -> assertThat(e.to()).isEqualTo(AccountStatus.ACTIVE));
    }

    @Test
    void an_account_the_platform_blocked_is_restricted() {
        Account account = connect("blocked");
        SandboxControl.inject(app, 368, null, "profile", Long.parseLong(account.platformUserId()), 1);

        Account checked = check(account);

        assertThat(checked.status()).isEqualTo(AccountStatus.RESTRICTED);
        assertThat(checked.statusReason()).contains("368");
    }

    @Test
    void the_profile_audit_says_what_drifted_from_the_desired_profile() {
        Account account = connect("audited");
        accounts.update(account.id(), "Europe/Paris", "audit", "", "Official account of Example", "https://example.com/shop");
        SandboxControl.changeProfile(app, account.platformUserId(), "Something else", "https://example.com/shop/");
        String group = accounts.audit(List.of(account.id()));
        assertThat(group).startsWith("accounts.profile-audit:");

        eventually(() -> assertThat(accounts.find(account.id()).orElseThrow().auditedAt()).isNotNull());
        Account audited = accounts.find(account.id()).orElseThrow();
        assertThat(audited.drift()).contains("Biography is \"Something else\"").contains("Official account of Example")
                .doesNotContain("Website");
        assertThat(audited.timeZone().getId()).isEqualTo("Europe/Paris");
    }

    @Test
    void the_daily_run_checks_every_account_that_is_not_disabled() {
        Account active = connect("daily");
        Account disabled = connect("daily");
        accounts.disable(List.of(disabled.id()));
        int disabledTasks = accounts.recentTasks(disabled.id(), 10).size();

        app.bean(DailyHealthRun.class).run();

        AccountTaskRef task = accounts.recentTasks(active.id(), 1).getFirst();
        assertThat(task.kind()).isEqualTo("accounts.token-health");
        awaitState(app.bean(Tasks.class), task.taskId(), TaskState.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(accounts.recentTasks(disabled.id(), 10)).hasSize(disabledTasks);
    }

    private static Account connect(String prefix) {
        Credentials sandbox = SandboxControl.account(app, prefix);
        return accounts.find(SandboxControl.connect(app, sandbox.accessToken(), "")).orElseThrow();
    }

    private static Account check(Account account) {
        accounts.checkHealth(List.of(account.id()));
        AccountTaskRef task = accounts.recentTasks(account.id(), 1).getFirst();
        awaitState(app.bean(Tasks.class), task.taskId(), TaskState.SUCCEEDED, Duration.ofSeconds(30));
        return accounts.find(account.id()).orElseThrow();
    }
}

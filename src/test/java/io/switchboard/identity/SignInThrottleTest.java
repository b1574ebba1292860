package io.switchboard.identity;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling over real HTTP, with clients on different loopback addresses (127.0.0.x) so the server sees
 * different client addresses: failures count per (username, address), per address and, far later, per username.
 */
class SignInThrottleTest {
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
    }

    @Test
    void failures_from_one_address_never_lock_the_operator_out_from_another() {
        String username = Operators.create(app, "OPERATOR");
        WebSession attacker = WebSession.from("127.0.0.21");
        for (int i = 0; i < 30; i++) {
            attacker.login(app.url(""), username, "guess-" + i);
        }
        var attackerRight = attacker.login(app.url(""), username, Operators.PASSWORD);
        assertThat(location(attackerRight)).as("the guessing address waits").contains("/login?locked=");

        var owner = WebSession.from("127.0.0.22").login(app.url(""), username, Operators.PASSWORD);
        assertThat(location(owner)).as("the operator elsewhere signs in").doesNotContain("/login");
        assertThat(failures("pair", username + " 127.0.0.21")).isEqualTo(31);
        assertThat(failures("username", username)).as("the owner's success gave its attempt back").isEqualTo(31);
    }

    @Test
    void http_basic_failures_on_the_actuator_never_lock_the_admin_out_from_another_address() {
        String admin = Operators.create(app, "ADMIN");
        for (int i = 0; i < 30; i++) {
            assertThat(basic("127.0.0.23", admin, "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(basic("127.0.0.23", admin, Operators.PASSWORD).statusCode()).as("the guessing address waits")
                .isEqualTo(401);
        assertThat(basic("127.0.0.24", admin, Operators.PASSWORD).statusCode()).isEqualTo(200);
        var form = WebSession.from("127.0.0.24").login(app.url(""), admin, Operators.PASSWORD);
        assertThat(location(form)).doesNotContain("/login");
    }

    @Test
    void parallel_guesses_each_count_and_only_the_free_ones_reach_the_password_check() throws Exception {
        String username = Operators.create(app, "OPERATOR");
        int guesses = 20;
        List<WebSession> sessions = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            WebSession session = WebSession.from("127.0.0.25");
            session.get(app.url("/login"));
            sessions.add(session);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                WebSession session = sessions.get(i);
                String guess = "parallel-guess-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return session.post(app.url("/login"), Map.of("username", username, "password", guess));
                }));
            }
            go.countDown();
            int checked = 0;
            int refused = 0;
            for (var answer : answers) {
                String location = location(answer.get());
                checked += location.endsWith("/login?error") ? 1 : 0;
                refused += location.contains("/login?locked=") ? 1 : 0;
            }
            assertThat(checked).as("guesses whose password was checked").isEqualTo(5);
            assertThat(refused).isEqualTo(guesses - 5);
        }
        assertThat(failures("pair", username + " 127.0.0.25")).isEqualTo(guesses);
    }

    @Test
    void a_wrong_password_and_a_disabled_operator_get_the_same_answer() {
        String username = Operators.create(app, "OPERATOR");
        WebSession admin = Operators.admin(app);
        admin.get(app.url("/operators"));
        long id = operatorId(username);
        assertThat(admin.post(app.url("/operators/" + id + "/enabled"), Map.of("enabled", "false", "confirmed", "true"))
                .statusCode()).isEqualTo(302);

        WebSession client = WebSession.from("127.0.0.26");
        var disabled = client.login(app.url(""), username, Operators.PASSWORD);
        var wrong = client.login(app.url(""), username, "not-the-password");
        assertThat(location(disabled)).endsWith("/login?error");
        assertThat(location(wrong)).endsWith("/login?error");
        assertThat(client.get(app.url("/login?error")).body()).contains("Wrong username or password, or the operator is disabled");
    }

    @Test
    void a_password_longer_than_72_bytes_is_refused_with_a_message_everywhere() {
        String long80Bytes = "é".repeat(40);
        WebSession client = WebSession.from("127.0.0.27");
        var signIn = client.login(app.url(""), "admin", long80Bytes);
        assertThat(location(signIn)).endsWith("/login?toolong");
        assertThat(client.get(app.url("/login?toolong")).body()).contains("longer than 72 bytes");

        WebSession admin = Operators.admin(app);
        admin.get(app.url("/operators"));
        var create = admin.post(app.url("/operators"), Map.of("username", "long-" + System.nanoTime() % 100_000,
                "role", "OPERATOR", "password", long80Bytes));
        assertThat(create.statusCode()).isEqualTo(200);
        assertThat(create.body()).contains("Use at most 72 bytes");

        String username = Operators.create(app, "OPERATOR");
        WebSession operator = Operators.signedIn(app, username, Operators.PASSWORD);
        operator.get(app.url("/account"));
        var change = operator.post(app.url("/account/password"), Map.of("currentPassword", Operators.PASSWORD,
                "newPassword", long80Bytes, "repeatPassword", long80Bytes));
        assertThat(change.statusCode()).isEqualTo(200);
        assertThat(change.body()).contains("Use at most 72 bytes");
    }

    @Test
    void the_current_password_check_of_a_password_change_is_throttled_too() {
        String username = Operators.create(app, "OPERATOR");
        WebSession operator = WebSession.from("127.0.0.28");
        assertThat(location(operator.login(app.url(""), username, Operators.PASSWORD))).doesNotContain("/login");
        operator.get(app.url("/account"));
        String last = "";
        for (int i = 0; i < 6; i++) {
            last = operator.post(app.url("/account/password"), Map.of("currentPassword", "guess-" + i,
                    "newPassword", "a-brand-new-password", "repeatPassword", "a-brand-new-password")).body();
        }
        assertThat(last).contains("Too many wrong passwords");
        var right = operator.post(app.url("/account/password"), Map.of("currentPassword", Operators.PASSWORD,
                "newPassword", "a-brand-new-password", "repeatPassword", "a-brand-new-password"));
        assertThat(right.body()).as("even the right one waits").contains("Too many wrong passwords");
    }

    @Test
    void counts_nobody_added_to_for_an_hour_are_pruned() {
        DSLContext db = app.bean(DSLContext.class);
        db.query("INSERT INTO login_throttle (scope, subject, failures, free_failures, first_delay_s, max_delay_s, "
                + "last_attempt_at, next_allowed_at) VALUES ('address', 'prune-old', 3, 20, 60, 900, "
                + "now() - interval '2 hours', now() - interval '2 hours'), ('address', 'prune-recent', 3, 20, 60, "
                + "900, now() - interval '10 minutes', now())").execute();
        app.bean(LoginThrottlePruning.class).prune();
        assertThat(db.fetchExists(db.selectOne().from("login_throttle").where("subject = 'prune-old'"))).isFalse();
        assertThat(db.fetchExists(db.selectOne().from("login_throttle").where("subject = 'prune-recent'"))).isTrue();
    }

    private static long operatorId(String username) {
        return app.bean(DSLContext.class).fetchSingle("SELECT id FROM operator WHERE username = ?", username).get(0, Long.class);
    }

    private static int failures(String scope, String subject) {
        return app.bean(DSLContext.class).fetchSingle(
                "SELECT failures FROM login_throttle WHERE scope = ? AND subject = ?", scope, subject).get(0, Integer.class);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static HttpResponse<String> basic(String from, String username, String password) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return WebSession.from(from).send(HttpRequest.newBuilder(URI.create(app.url("/actuator/info")))
                .header("Authorization", "Basic " + credentials).GET().build());
    }
}

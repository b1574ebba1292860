package io.switchboard.identity;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions end on every instance at once when an admin disables an operator, changes their role or resets their
 * password (two instances on one database: the admin on one, the operator on the other), and a session lasts at
 * most its absolute lifetime however busy it is. A request moves its session's last access in the database only when
 * the one stored is a minute old (SessionWrites).
 */
class SessionsEndTest {
    private static String database;
    private static AppInstance operatorSide;
    private static AppInstance adminSide;

    @BeforeAll
    static void start() {
        database = TestPostgres.freshDatabase();
        operatorSide = AppInstance.start(database);
        adminSide = AppInstance.start(database);
    }

    @AfterAll
    static void stop() {
        adminSide.close();
        operatorSide.close();
    }

    @Test
    void disabling_an_operator_ends_their_session_on_every_instance_at_once() {
        String username = Operators.create(adminSide, "OPERATOR");
        WebSession operator = Operators.signedIn(operatorSide, username, Operators.PASSWORD);
        assertThat(operator.get(operatorSide.url("/accounts")).statusCode()).isEqualTo(200);

        admin("/operators/" + id(username) + "/enabled", Map.of("enabled", "false", "confirmed", "true"));

        assertSignedOut(operator.get(operatorSide.url("/accounts")));
    }

    @Test
    void a_new_role_ends_the_session_and_the_next_sign_in_has_the_new_rights() {
        String username = Operators.create(adminSide, "OPERATOR");
        WebSession operator = Operators.signedIn(operatorSide, username, Operators.PASSWORD);
        operator.get(operatorSide.url("/queues"));

        admin("/operators/" + id(username) + "/role", Map.of("role", "VIEWER"));

        assertSignedOut(operator.get(operatorSide.url("/queues")));
        WebSession viewer = Operators.signedIn(operatorSide, username, Operators.PASSWORD);
        viewer.get(operatorSide.url("/queues"));
        assertThat(viewer.post(operatorSide.url("/queues/default/pause"), Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void a_password_reset_ends_every_session_of_the_operator() {
        String username = Operators.create(adminSide, "OPERATOR");
        WebSession first = Operators.signedIn(operatorSide, username, Operators.PASSWORD);
        WebSession second = Operators.signedIn(adminSide, username, Operators.PASSWORD);

        admin("/operators/" + id(username) + "/password", Map.of("confirmed", "true"));

        assertSignedOut(first.get(operatorSide.url("/accounts")));
        assertSignedOut(second.get(adminSide.url("/accounts")));
    }

    @Test
    void changing_ones_own_password_ends_ones_other_sessions_only() {
        String username = Operators.create(adminSide, "OPERATOR");
        WebSession here = Operators.signedIn(operatorSide, username, Operators.PASSWORD);
        WebSession elsewhere = Operators.signedIn(adminSide, username, Operators.PASSWORD);

        here.get(operatorSide.url("/account"));
        var changed = here.post(operatorSide.url("/account/password"), Map.of("currentPassword", Operators.PASSWORD,
                "newPassword", "another-good-password", "repeatPassword", "another-good-password"));
        assertThat(changed.statusCode()).isEqualTo(302);

        assertThat(here.get(operatorSide.url("/accounts")).statusCode()).isEqualTo(200);
        assertSignedOut(elsewhere.get(adminSide.url("/accounts")));
    }

    @Test
    void a_session_ends_after_its_absolute_lifetime_however_busy() throws Exception {
        try (AppInstance shortLived = AppInstance.start(database, "switchboard.identity.session-lifetime=4s")) {
            String username = Operators.create(shortLived, "OPERATOR");
            WebSession operator = Operators.signedIn(shortLived, username, Operators.PASSWORD);
            long signedIn = System.nanoTime();
            HttpResponse<String> last = operator.get(shortLived.url("/accounts"));
            while (last.statusCode() == 200 && System.nanoTime() - signedIn < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(500);
                last = operator.get(shortLived.url("/accounts"));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - signedIn)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
            assertThat(last.statusCode()).isEqualTo(302);
            assertThat(last.headers().firstValue("Location").orElse("")).endsWith("/login?expired");
            assertSignedOut(operator.get(shortLived.url("/accounts")));
        }
    }

    @Test
    void a_request_writes_the_session_row_only_when_its_last_access_is_a_minute_old() throws Exception {
        String username = Operators.create(adminSide, "OPERATOR");
        WebSession operator = Operators.signedIn(operatorSide, username, Operators.PASSWORD);
        assertThat(operator.get(operatorSide.url("/account")).statusCode()).isEqualTo(200);
        long first = lastAccess(username);
        Thread.sleep(20);

        assertThat(operator.get(operatorSide.url("/account")).statusCode()).isEqualTo(200);
        assertThat(lastAccess(username)).isEqualTo(first);

        adminSide.bean(DSLContext.class).execute("UPDATE spring_session SET last_access_time = last_access_time - 61000,"
                + " expiry_time = expiry_time - 61000 WHERE principal_name = ?", username);
        assertThat(operator.get(operatorSide.url("/account")).statusCode()).isEqualTo(200);
        assertThat(lastAccess(username)).isGreaterThan(first);
    }

    private static void admin(String path, Map<String, String> form) {
        WebSession admin = Operators.admin(adminSide);
        admin.get(adminSide.url("/operators"));
        assertThat(admin.post(adminSide.url(path), form).statusCode()).isEqualTo(302);
    }

    private static long lastAccess(String username) {
        return adminSide.bean(DSLContext.class).fetchSingle(
                "SELECT last_access_time FROM spring_session WHERE principal_name = ?", username).get(0, Long.class);
    }

    private static long id(String username) {
        return adminSide.bean(DSLContext.class).fetchSingle("SELECT id FROM operator WHERE username = ?", username)
                .get(0, Long.class);
    }

    private static void assertSignedOut(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).contains("/login");
    }
}

package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances started at the same moment on one empty database: Flyway's advisory lock lets exactly one
 * apply the migrations, all come up healthy, and a session made on one instance works on the others.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreeInstancesStartTogetherTest {
    private static final List<AppInstance> instances = new ArrayList<>();
    private static String url;
    private static String startLog;

    @BeforeAll
    static void startThreeAtOnce(CapturedOutput output) {
        url = TestPostgres.freshDatabase();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<AppInstance>> starting = Stream.of(1, 2, 3)
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return AppInstance.start(url);
                }))
                .toList();
        go.countDown();
        starting.forEach(future -> instances.add(future.join()));
        startLog = output.getAll();
    }

    @AfterAll
    static void stop() {
        instances.forEach(AppInstance::close);
    }

    @Test
    void applies_every_migration_exactly_once() throws Exception {
        long migrationFiles;
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            migrationFiles = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        try (var connection = DriverManager.getConnection(url, "postgres", "postgres");
             var result = connection.createStatement().executeQuery(
                     "SELECT count(*), count(DISTINCT version), bool_and(success) FROM flyway_schema_history "
                             + "WHERE version IS NOT NULL")) {
            result.next();
            assertThat(result.getLong(1)).isEqualTo(migrationFiles);
            assertThat(result.getLong(2)).isEqualTo(migrationFiles);
            assertThat(result.getBoolean(3)).isTrue();
        }
    }

    @Test
    void every_instance_is_ready_and_the_first_admin_was_created_once() throws Exception {
        for (AppInstance instance : instances) {
            var readiness = new WebSession().get(instance.url("/actuator/health/readiness"));
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        }
        // the unique username makes a second row impossible; what can go wrong is a second instance believing it
        // created the admin (and, with a generated password, printing a password that does not work)
        assertThat(startLog.split("First start: created operator 'admin'", -1)).as("instances that created the admin")
                .hasSize(2);
        assertThat(Operators.signedIn(instances.get(2), "admin", AppInstance.ADMIN_PASSWORD)).isNotNull();
    }

    @Test
    void a_session_made_on_one_instance_is_accepted_by_the_others() {
        WebSession browser = new WebSession();
        var login = browser.login(instances.get(0).url(""), "admin", AppInstance.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String session = browser.sessionCookie(instances.get(0).url("/"));

        for (AppInstance other : instances.subList(1, 3)) {
            var overview = new WebSession().get(other.url("/"), Map.of("Cookie", session));
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("Live instances").contains(">admin<");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

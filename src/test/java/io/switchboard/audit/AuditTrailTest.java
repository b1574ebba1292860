package io.switchboard.audit;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail through the real thing: sign-ins and failures, operator commands and commands no module recorded
 * in detail, each with who, from where, what and what changed, never a secret; append-only for the app's own
 * database user; old entries removed only by the retention sweep; keyset pages and the CSV export.
 */
class AuditTrailTest {
    private static AppInstance app;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void sign_ins_operator_commands_and_other_commands_are_recorded_without_secrets() {
        new WebSession().login(app.url(""), "admin", "wrong-password");
        String operator = Operators.create(app, "OPERATOR");
        WebSession admin = Operators.admin(app);
        admin.get(app.url("/queues"));
        var paused = admin.post(app.url("/queues/publishing/pause"), Map.of("confirmed", "true"));
        assertThat(paused.statusCode()).isEqualTo(302);
        admin.get(app.url("/proxies/new"));
        admin.post(app.url("/proxies/new"), Map.of("scheme", "http", "host", "proxy.example.net", "port", "3128", "region", "", "tags", "",
                "username", "u", "password", "proxy-secret-pw", "label", "audited"));

        AuditTrail trail = app.bean(AuditTrail.class);
        List<AuditEntry> entries = trail.page(AuditFilter.none(), null, 100);
        assertThat(entries).extracting(AuditEntry::action)
                .contains("sign_in.failed", "sign_in", "operator.created", "queue.publishing.pause", "proxy.new");
        AuditEntry failed = entries.stream().filter(e -> e.action().equals("sign_in.failed")).findFirst().orElseThrow();
        assertThat(failed.actor()).isEqualTo("admin");
        assertThat(failed.source()).isEqualTo("127.0.0.1");
        AuditEntry created = entries.stream().filter(e -> e.action().equals("operator.created")).findFirst().orElseThrow();
        assertThat(created.target()).isEqualTo(operator);
        assertThat(created.changes()).containsEntry("role", new Change(null, "OPERATOR"));
        AuditEntry proxy = entries.stream().filter(e -> e.action().equals("proxy.new")).findFirst().orElseThrow();
        assertThat(proxy.changes()).containsKey("host").doesNotContainKey("password").doesNotContainKey("_csrf");
        assertThat(entries.toString()).doesNotContain("proxy-secret-pw", "correct-horse", "wrong-password");

        String csv = admin.get(app.url("/audit.csv?action=proxy.new")).body();
        assertThat(csv).startsWith("id,at_utc,operator,from,action").contains("proxy.new", "proxy.example.net")
                .doesNotContain("queue.publishing.pause", "proxy-secret-pw");
    }

    @Test
    void entries_cannot_be_changed_or_deleted_by_the_app_user_except_past_the_retention() {
        AuditTrail trail = app.bean(AuditTrail.class);
        trail.record("tester", "system", AuditRecord.of("test.kept", "test", 1));
        DSLContext db = app.bean(DSLContext.class);
        assertThatThrownBy(() -> db.execute("UPDATE audit_event SET actor = 'someone else'"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.execute("DELETE FROM audit_event")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.execute("TRUNCATE audit_event")).rootCause().hasMessageContaining("append-only");

        db.execute("INSERT INTO audit_event (at, actor, action, object_type) VALUES (now() - interval '500 days', 'old', 'test.old', 'test')");
        int pruned = app.bean(AuditEvents.class).prune(Duration.ofDays(400));
        assertThat(pruned).isEqualTo(1);
        assertThat(trail.page(new AuditFilter(null, "test", null, null, null, null), null, 10))
                .extracting(AuditEntry::action).containsExactly("test.kept");
    }

    @Test
    void pages_follow_each_other_by_id_without_gaps_or_repeats() {
        AuditTrail trail = app.bean(AuditTrail.class);
        for (int i = 0; i < 12; i++) {
            trail.record("pager", "system", AuditRecord.of("test.page", "pager", i));
        }
        AuditFilter pager = new AuditFilter("pager", null, null, null, null, null);
        List<AuditEntry> first = trail.page(pager, null, 5);
        List<AuditEntry> second = trail.page(pager, first.getLast().id(), 5);
        List<AuditEntry> third = trail.page(pager, second.getLast().id(), 5);
        assertThat(first).extracting(AuditEntry::objectId).containsExactly("11", "10", "9", "8", "7");
        assertThat(second).extracting(AuditEntry::objectId).containsExactly("6", "5", "4", "3", "2");
        assertThat(third).extracting(AuditEntry::objectId).containsExactly("1", "0");
    }
}

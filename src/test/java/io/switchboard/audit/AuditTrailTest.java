package io.switchboard.audit;

import io.switchboard.accounts.Accounts;
import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

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
                .contains("sign_in.failed", "sign_in", "operator.created", "queue.paused", "proxy.created");
        AuditEntry failed = entries.stream().filter(e -> e.action().equals("sign_in.failed")).findFirst().orElseThrow();
        assertThat(failed.actor()).isEqualTo("admin");
        assertThat(failed.source()).isEqualTo("127.0.0.1");
        AuditEntry created = entries.stream().filter(e -> e.action().equals("operator.created")).findFirst().orElseThrow();
        assertThat(created.target()).isEqualTo(operator);
        assertThat(created.changes()).containsEntry("role", new Change(null, "OPERATOR"));
        AuditEntry proxy = entries.stream().filter(e -> e.action().equals("proxy.created")).findFirst().orElseThrow();
        assertThat(proxy.changes()).containsEntry("host", new Change(null, "proxy.example.net"))
                .doesNotContainKey("password").doesNotContainKey("_csrf");
        assertThat(entries.toString()).doesNotContain("proxy-secret-pw", "correct-horse", "wrong-password");

        String csv = admin.get(app.url("/audit.csv?action=proxy.created")).body();
        assertThat(csv).startsWith("id,at_utc,operator,from,action").contains("proxy.created", "proxy.example.net")
                .doesNotContain("queue.paused", "proxy-secret-pw");
    }

    @Test
    void each_kind_of_change_is_recorded_with_the_before_and_after_of_what_changed() {
        long account;
        long image;
        SignedIn.as("audit-setup", "OPERATOR");
        try {
            PublishingFixture fixture = new PublishingFixture(app);
            account = fixture.accounts(1, "audited").getFirst().id();
            image = fixture.images(1).getFirst();
        } finally {
            SignedIn.out();
        }
        String username = app.bean(Accounts.class).find(account).orElseThrow().username();
        WebSession admin = Operators.admin(app);
        admin.get(app.url("/queues"));
        ok(admin.post(app.url("/accounts/" + account + "/settings"), Map.of("timeZone", "Europe/Lisbon",
                "tags", "audited; lisbon", "notes", "moved to Lisbon", "desiredBiography", "", "desiredWebsite", "")));
        ok(admin.post(app.url("/accounts/" + account + "/disable"), Map.of("confirmed", "true")));
        ok(admin.post(app.url("/accounts/" + account + "/enable"), Map.of()));
        ok(admin.post(app.url("/proxies/new"), Map.of("scheme", "http", "host", "before.example.net", "port", "3128",
                "region", "", "tags", "", "username", "u", "password", "first-secret-pw", "label", "kinds")));
        long proxy = last("proxy.created").objectId() == null ? -1 : Long.parseLong(last("proxy.created").objectId());
        ok(admin.post(app.url("/proxies/" + proxy + "/edit"), Map.of("scheme", "http", "host", "after.example.net",
                "port", "8080", "region", "", "tags", "", "username", "u", "password", "second-secret-pw", "label", "kinds")));
        ok(admin.post(app.url("/proxies/" + proxy + "/accounts"), Map.of("usernames", username)));
        ok(admin.post(app.url("/proxies/" + proxy + "/accounts/remove"), Map.of("accountId", String.valueOf(account))));
        ok(admin.post(app.url("/proxies/default"), Map.of("proxyId", String.valueOf(proxy), "confirmed", "true")));
        ok(admin.post(app.url("/proxies/default"), Map.of("proxyId", "", "confirmed", "true")));
        ok(admin.post(app.url("/proxies/" + proxy + "/delete"), Map.of("confirmed", "true")));
        ok(admin.post(app.url("/media/" + image + "/delete"), Map.of("confirmed", "true")));
        ok(admin.post(app.url("/queues/media/pause"), Map.of("confirmed", "true")));
        ok(admin.post(app.url("/queues/media/resume"), Map.of("confirmed", "true")));
        ok(admin.post(app.url("/locations"), Map.of("name", "Lisbon store", "pageId", "110123456789")));
        ok(admin.post(app.url("/locations/" + last("location.created").objectId() + "/delete"), Map.of("confirmed", "true")));
        ok(admin.post(app.url("/sandbox/admin/settings"), Map.of("latencyMs", "250", "processingDelayMs", "0",
                "publishQuota", "50", "hourlyCallBudget", "200")));

        AuditEntry settings = last("account.settings");
        assertThat(settings.changes().get("timeZone").after()).isEqualTo("Europe/Lisbon");
        assertThat(settings.changes().get("timeZone").before()).isNotNull().isNotEqualTo("Europe/Lisbon");
        assertThat(settings.changes()).containsEntry("notes", new Change("", "moved to Lisbon")).containsKey("tags");
        assertThat(last("account.disabled").changes()).containsEntry("status", new Change("ACTIVE", "DISABLED"));
        assertThat(last("account.enabled").changes()).containsEntry("status", new Change("DISABLED", "ACTIVE"));
        assertThat(last("proxy.updated").changes()).containsEntry("host", new Change("before.example.net", "after.example.net"))
                .containsEntry("port", new Change("3128", "8080")).containsEntry("password", new Change("(kept)", "(changed)"));
        assertThat(last("account.route").changes()).containsEntry("route", new Change("kinds (its own)", "direct"));
        assertThat(app.bean(AuditTrail.class).page(new AuditFilter(null, null, null, "account.route", null, null), null, 10))
                .extracting(e -> e.changes().get("route")).contains(new Change("direct", "kinds (its own)"));
        assertThat(last("route.default").changes()).containsEntry("default_route", new Change("kinds", "direct"));
        assertThat(last("proxy.deleted").changes()).containsEntry("host", new Change("after.example.net", null));
        assertThat(last("media.deleted").changes()).containsKey("title").containsEntry("status", new Change("READY", null));
        assertThat(last("queue.paused").changes()).containsEntry("paused", new Change("false", "true"));
        assertThat(last("queue.resumed").changes()).containsEntry("paused", new Change("true", "false"));
        assertThat(last("location.deleted").changes()).containsEntry("pageId", new Change("110123456789", null));
        assertThat(last("sandbox.settings").changes()).containsEntry("latency", new Change("0 ms", "250 ms"));
        assertThat(app.bean(AuditTrail.class).page(AuditFilter.none(), null, 200).toString())
                .doesNotContain("first-secret-pw", "second-secret-pw");

        WebSession audit = Operators.admin(app);
        String page = audit.get(app.url("/audit?objectType=proxy")).body();
        assertThat(page).contains("before.example.net", "after.example.net");
    }

    private static void ok(java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.uri() + " answered " + answer.headers().firstValue("Location")
                .orElse(answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body())).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("problem");
    }

    private static AuditEntry last(String action) {
        return app.bean(AuditTrail.class).page(new AuditFilter(null, null, null, action, null, null), null, 1).stream()
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " recorded"));
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

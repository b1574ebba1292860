package io.switchboard.proxies;

import io.switchboard.infrastructure.SecretBox;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import io.switchboard.testing.WebSession;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import testsupport.AesGcm;
import testsupport.LoopbackProxy;
import testsupport.ProbeServer;
import testsupport.ProxyEvents;
import testsupport.SignedIn;
import testsupport.TestCertificates;

import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.jooq.Tables.PROXY;
import static switchboard.jooq.Tables.PROXY_CHECK;
import static testsupport.TaskWaits.eventually;

/**
 * The diagnostics runner against real proxies on loopback (HTTP CONNECT, HTTPS, SOCKS5, with and without
 * credentials, slow, refusing) and a real HTTPS probe whose certificate the instance is told to trust.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyDiagnosticsTest {
    private static final AtomicInteger LABELS = new AtomicInteger();
    private static final String SECRET = "s3cret-Pa55:word@x";
    private static ProbeServer probe;
    private static AppInstance app;
    private static Proxies proxies;
    private static ProxyEvents events;
    private static final List<LoopbackProxy> started = new ArrayList<>();

    @BeforeAll
    static void start() {
        probe = new ProbeServer(TestCertificates.trusted());
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(ProxyEvents.class),
                // the test proxies listen on loopback, a private address an admin must allow
                "switchboard.proxies.allow-private-addresses=true",
                "switchboard.proxies.probe-url=" + probe.url(),
                "switchboard.proxies.trust-certificates=" + TestCertificates.trusted().pem(),
                "switchboard.proxies.degraded-latency=5s",
                "switchboard.proxies.diagnostics-interval=3s",
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                "logging.level.io.switchboard=DEBUG");
        proxies = app.bean(Proxies.class);
        events = app.bean(ProxyEvents.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        started.forEach(LoopbackProxy::close);
        probe.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("diagnostics-test", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void each_kind_of_proxy_is_classified_by_what_it_does() {
        LoopbackProxy http = started(LoopbackProxy.http().start());
        LoopbackProxy socks = started(LoopbackProxy.socks5().start());
        LoopbackProxy httpAuth = started(LoopbackProxy.http().credentials("alice", SECRET).start());
        LoopbackProxy socksAuth = started(LoopbackProxy.socks5().credentials("bob", SECRET).start());
        LoopbackProxy https = started(LoopbackProxy.https(TestCertificates.trusted()).start());
        LoopbackProxy untrusted = started(LoopbackProxy.https(TestCertificates.untrusted()).start());
        LoopbackProxy slow = started(LoopbackProxy.http().delay(Duration.ofMillis(6500)).start());
        int refusing = LoopbackProxy.refusing();

        long httpOk = add("http", http.port(), "", "");
        long socksOk = add("socks5", socks.port(), "", "");
        long httpRight = add("http", httpAuth.port(), "alice", SECRET);
        long httpWrong = add("http", httpAuth.port(), "mallory", "guess");
        long httpNone = add("http", httpAuth.port(), "", "");
        long socksRight = add("socks5", socksAuth.port(), "bob", SECRET);
        long socksWrong = add("socks5", socksAuth.port(), "eve", "guess");
        long socksNone = add("socks5", socksAuth.port(), "", "");
        long httpsOk = add("https", https.port(), "", "");
        long httpsUntrusted = add("https", untrusted.port(), "", "");
        long slowOk = add("http", slow.port(), "", "");
        long refused = add("socks5", refusing, "", "");

        List<Long> all = List.of(httpOk, socksOk, httpRight, httpWrong, httpNone, socksRight, socksWrong, socksNone,
                httpsOk, httpsUntrusted, slowOk, refused);
        eventually(Duration.ofSeconds(30), () -> assertThat(all).allSatisfy(id ->
                assertThat(proxies.find(id).orElseThrow().checkedAt()).isNotNull()));

        for (long id : List.of(httpOk, socksOk, httpRight, socksRight, httpsOk)) {
            Proxy proxy = proxies.find(id).orElseThrow();
            ProxyCheck check = proxies.history(id, 1).getFirst();
            assertThat(proxy.status()).as(proxy.label() + ": " + proxy.statusReason()).isEqualTo(ProxyStatus.HEALTHY);
            assertThat(proxy.exitIp()).isEqualTo("127.0.0.1");
            assertThat(check.outcome()).isEqualTo(CheckOutcome.OK);
            assertThat(check.connectMs()).isNotNull();
            assertThat(check.handshakeMs()).isNotNull();
            assertThat(check.tlsMs()).isNotNull();
            assertThat(check.latencyMs()).isNotNull().isPositive();
        }
        assertThat(http.seen()).contains("CONNECT 127.0.0.1:" + probe.port());
        assertThat(socks.seen()).contains("SOCKS5 127.0.0.1:" + probe.port());
        assertThat(https.seen()).contains("CONNECT 127.0.0.1:" + probe.port());

        assertDown(httpWrong, CheckOutcome.AUTH_FAILED, "refused the username and password (407");
        assertDown(httpNone, CheckOutcome.AUTH_FAILED, "requires a username and password (407");
        assertDown(socksWrong, CheckOutcome.AUTH_FAILED, "SOCKS5 proxy refused the username and password");
        assertDown(socksNone, CheckOutcome.AUTH_FAILED, "SOCKS5 proxy requires a username and password");
        assertDown(httpsUntrusted, CheckOutcome.PROXY_TLS_FAILED, "not signed by a trusted authority");
        assertDown(refused, CheckOutcome.CONNECT_FAILED, "refused the connection");
        assertThat(proxies.history(refused, 1).getFirst().connectMs()).isNull();

        Proxy slowProxy = proxies.find(slowOk).orElseThrow();
        assertThat(slowProxy.status()).isEqualTo(ProxyStatus.DEGRADED);
        assertThat(slowProxy.statusReason()).startsWith("Slow: the probe took").contains("over the 5000 ms threshold");
    }

    @Test
    void a_changed_exit_ip_is_flagged_and_a_status_change_is_announced() {
        LoopbackProxy http = started(LoopbackProxy.http().start());
        long id = add("http", http.port(), "", "");
        eventually(() -> assertThat(proxies.find(id).orElseThrow().exitIp()).isEqualTo("127.0.0.1"));
        assertThat(events.of(id)).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(ProxyStatus.UNTESTED);
            assertThat(e.to()).isEqualTo(ProxyStatus.HEALTHY);
        });

        probe.answer("203.0.113.9");
        try {
            proxies.diagnose(List.of(id));
            eventually(() -> assertThat(proxies.find(id).orElseThrow().exitIp()).isEqualTo("203.0.113.9"));
        } finally {
            probe.answer(null);
        }
        assertThat(proxies.history(id, 50)).anySatisfy(c -> {
            assertThat(c.exitIp()).isEqualTo("203.0.113.9");
            assertThat(c.exitIpChanged()).isTrue();
        });
        assertThat(proxies.history(id, 50)).filteredOn(c -> "127.0.0.1".equals(c.exitIp()))
                .noneMatch(ProxyCheck::exitIpChanged);

        http.stop();
        proxies.diagnose(List.of(id));
        eventually(() -> assertThat(proxies.find(id).orElseThrow().status()).isEqualTo(ProxyStatus.DOWN));
        assertThat(events.of(id)).last().satisfies(e -> {
            assertThat(e.from()).isEqualTo(ProxyStatus.HEALTHY);
            assertThat(e.to()).isEqualTo(ProxyStatus.DOWN);
            assertThat(e.reason()).startsWith("Connection failed: ").contains("refused the connection");
        });
    }

    @Test
    void every_enabled_proxy_is_checked_on_schedule_and_old_history_is_pruned() {
        LoopbackProxy http = started(LoopbackProxy.http().start());
        long enabled = add("http", http.port(), "", "");
        long disabled = add("http", http.port(), "carol", "x");
        proxies.setEnabled(List.of(disabled), false);
        eventually(() -> assertThat(proxies.history(disabled, 10)).hasSize(1));

        eventually(Duration.ofSeconds(20), () -> assertThat(proxies.history(enabled, 10)).hasSizeGreaterThanOrEqualTo(3));
        assertThat(proxies.history(disabled, 10)).as("a disabled proxy is skipped by the schedule").hasSize(1);
        assertThat(app.bean(Tasks.class).detail(proxies.history(enabled, 1).getFirst().taskId()).orElseThrow()
                .task().group()).startsWith("proxies.diagnose:schedule:");

        DSLContext db = app.bean(DSLContext.class);
        List<ProxyCheck> history = proxies.history(enabled, 10);
        db.update(PROXY_CHECK).set(PROXY_CHECK.CHECKED_AT, OffsetDateTime.now().minusDays(15))
                .where(PROXY_CHECK.ID.eq(history.getLast().id())).execute();
        app.bean(ProxyHousekeeping.class).prune();
        assertThat(proxies.history(enabled, 10)).extracting(ProxyCheck::id).doesNotContain(history.getLast().id())
                .contains(history.getFirst().id());
    }

    @Test
    void passwords_are_sealed_at_rest_and_never_shown_logged_or_exported(CapturedOutput output) {
        LoopbackProxy socks = started(LoopbackProxy.socks5().credentials("dave", SECRET).start());
        long id = add("socks5", socks.port(), "dave", SECRET);
        eventually(() -> assertThat(proxies.find(id).orElseThrow()).extracting(Proxy::status, Proxy::statusReason)
                .first().isEqualTo(ProxyStatus.HEALTHY));

        var row = app.bean(DSLContext.class).select(PROXY.PASSWORD_CIPHERTEXT, PROXY.PASSWORD_KEY_ID).from(PROXY)
                .where(PROXY.ID.eq(id)).fetchSingle();
        assertThat(AesGcm.open("proxy-password", row.value1())).isEqualTo(SECRET);
        assertThat(row.value2()).isEqualTo(app.bean(SecretBox.class).keyId());
        assertThat(proxies.find(id).orElseThrow().hasPassword()).isTrue();

        StringWriter export = new StringWriter();
        proxies.exportCsv(ProxyFilter.ALL, export);
        assertThat(export.toString()).contains("dave").doesNotContain(SECRET);

        WebSession viewer = Operators.signedIn(app, Operators.create(app, "VIEWER"), Operators.PASSWORD);
        assertThat(viewer.get(app.url("/proxies/" + id)).body()).contains("dave").doesNotContain(SECRET);
        assertThat(viewer.get(app.url("/proxies/" + id + "/edit")).body()).doesNotContain(SECRET);
        String payload = app.bean(Tasks.class).detail(proxies.history(id, 1).getFirst().taskId()).orElseThrow()
                .payloadJson();
        assertThat(payload).contains(String.valueOf(id)).doesNotContain(SECRET);
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    private static void assertDown(long id, CheckOutcome outcome, String why) {
        Proxy proxy = proxies.find(id).orElseThrow();
        ProxyCheck check = proxies.history(id, 1).getFirst();
        assertThat(proxy.status()).as(proxy.label()).isEqualTo(ProxyStatus.DOWN);
        assertThat(check.outcome()).as(proxy.label()).isEqualTo(outcome);
        assertThat(check.message()).as(proxy.label()).contains(why).doesNotContain(SECRET);
        assertThat(proxy.statusReason()).startsWith(outcome.label() + ": ");
        assertThat(check.latencyMs()).isNull();
    }

    private static long add(String scheme, int port, String username, String password) {
        return proxies.add(new ProxyDraft("diag-" + LABELS.incrementAndGet(), scheme, "127.0.0.1", String.valueOf(port),
                username, password, "test", "diagnostics", true));
    }

    private static LoopbackProxy started(LoopbackProxy proxy) {
        started.add(proxy);
        return proxy;
    }
}

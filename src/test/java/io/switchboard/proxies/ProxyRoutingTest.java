package io.switchboard.proxies;

import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.instagram.graph.Container;
import io.switchboard.instagram.graph.ContainerRequest;
import io.switchboard.instagram.graph.ContainerState;
import io.switchboard.platform.Credentials;
import io.switchboard.instagram.graph.GraphProblem;
import io.switchboard.instagram.graph.GraphResult;
import io.switchboard.instagram.graph.InstagramGraph;
import io.switchboard.platform.Profile;
import io.switchboard.sandbox.SandboxControl;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.Clips;
import testsupport.LoopbackProxy;
import testsupport.ProbeServer;
import testsupport.ProxyEvents;
import testsupport.SignedIn;
import testsupport.TestCertificates;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.awaitState;
import static testsupport.TaskWaits.eventually;

/**
 * Platform calls for accounts leave through their proxy, the default proxy, or direct, over real proxies on
 * loopback to the instance's own sandbox of the Graph API; a proxy that is down makes its accounts' calls
 * unavailable (no call made) so their work waits instead of failing.
 */
class ProxyRoutingTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final List<LoopbackProxy> started = new ArrayList<>();
    private static ProbeServer probe;
    private static AppInstance app;
    private static Proxies proxies;
    private static ProxyEvents events;
    private static Accounts accounts;
    private static InstagramGraph graph;
    @TempDir
    static Path clips;

    @BeforeAll
    static void start() {
        probe = new ProbeServer(TestCertificates.trusted());
        app = AppInstance.start(TestPostgres.freshDatabase(), List.of(ProxyEvents.class),
                // the test proxies listen on loopback, a private address an admin must allow
                "switchboard.proxies.allow-private-addresses=true",
                // healthy means "answers": a probe slower than the default 2 s (a loaded machine) made a test proxy
                // DEGRADED and the routing tests failed on speed, which they do not test (ProxyDiagnosticsTest does)
                "switchboard.proxies.degraded-latency=60s",
                "switchboard.proxies.probe-url=" + probe.url(),
                "switchboard.proxies.trust-certificates=" + TestCertificates.trusted().pem(),
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms");
        proxies = app.bean(Proxies.class);
        events = app.bean(ProxyEvents.class);
        accounts = app.bean(Accounts.class);
        graph = app.bean(InstagramGraph.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        started.forEach(LoopbackProxy::close);
        probe.close();
    }

    @BeforeEach
    void signIn() {
        SignedIn.as("routing-test", "OPERATOR");
        proxies.setDefault(null);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void an_accounts_calls_go_through_its_own_proxy_and_the_others_direct_or_through_the_default() {
        LoopbackProxy http = started(LoopbackProxy.http().credentials("alice", "open-sesame").start());
        LoopbackProxy socks = started(LoopbackProxy.socks5().start());
        LoopbackProxy fallback = started(LoopbackProxy.http().start());
        long httpProxy = healthy("http", http.port(), "alice", "open-sesame");
        long socksProxy = healthy("socks5", socks.port(), "", "");
        long defaultProxy = healthy("http", fallback.port(), "", "");
        long viaHttp = connect("viahttp");
        long viaSocks = connect("viasocks");
        long unassigned = connect("unassigned");
        proxies.assign(List.of(viaHttp), httpProxy);
        proxies.assign(List.of(viaSocks), socksProxy);
        String sandbox = "localhost:" + app.port();

        profile(viaHttp);
        assertThat(toSandbox(http)).containsExactly("GET http://" + sandbox + "/sandbox/graph/v25.0/"
                + platformUserId(viaHttp));
        assertThat(toSandbox(socks)).isEmpty();

        profile(viaSocks);
        assertThat(toSandbox(socks)).containsExactly("SOCKS5 " + sandbox);

        long before = SandboxControl.calls(app, platformUserId(unassigned));
        profile(unassigned);
        assertThat(SandboxControl.calls(app, platformUserId(unassigned))).as("it reached the sandbox").isEqualTo(before + 1);
        assertThat(toSandbox(http)).hasSize(1);
        assertThat(toSandbox(socks)).hasSize(1);
        assertThat(toSandbox(fallback)).as("no default proxy yet: direct").isEmpty();
        assertThat(proxies.routeOf(unassigned).via()).isEqualTo(AccountRoute.Via.DIRECT);

        proxies.setDefault(defaultProxy);
        profile(unassigned);
        assertThat(toSandbox(fallback)).containsExactly("GET http://" + sandbox + "/sandbox/graph/v25.0/"
                + platformUserId(unassigned));
        profile(viaHttp);
        assertThat(toSandbox(http)).as("its own proxy wins over the default").hasSize(2);
        assertThat(toSandbox(fallback)).hasSize(1);
        assertThat(proxies.routeOf(unassigned)).satisfies(r -> {
            assertThat(r.via()).isEqualTo(AccountRoute.Via.DEFAULT);
            assertThat(r.proxy().id()).isEqualTo(defaultProxy);
        });

        proxies.unassign(List.of(viaHttp));
        profile(viaHttp);
        assertThat(toSandbox(fallback)).as("unassigned, it follows the default").hasSize(2);
    }

    @Test
    void connections_through_a_proxy_are_reused_and_a_dropped_one_is_replaced() {
        LoopbackProxy http = started(LoopbackProxy.http().start());
        LoopbackProxy socks = started(LoopbackProxy.socks5().start());
        long httpAccount = connect("reusehttp");
        long socksAccount = connect("reusesocks");
        proxies.assign(List.of(httpAccount), healthy("http", http.port(), "", ""));
        proxies.assign(List.of(socksAccount), healthy("socks5", socks.port(), "", ""));
        int httpBefore = http.connections();
        int socksBefore = socks.connections();

        for (int i = 0; i < 20; i++) {
            profile(httpAccount);
            profile(socksAccount);
        }

        assertThat(http.seen()).filteredOn(s -> s.startsWith("GET")).hasSize(20);
        assertThat(http.connections() - httpBefore).as("one connection carried the 20 calls").isEqualTo(1);
        assertThat(socks.connections() - socksBefore).isEqualTo(1);

        http.dropConnections();
        profile(httpAccount);
        assertThat(http.connections() - httpBefore).as("the dropped connection was replaced").isEqualTo(2);
    }

    @Test
    void a_reel_is_uploaded_and_published_through_a_socks_proxy() {
        LoopbackProxy socks = started(LoopbackProxy.socks5().credentials("uploader", "pa55").start());
        long account = connect("upload");
        proxies.assign(List.of(account), healthy("socks5", socks.port(), "uploader", "pa55"));
        SandboxControl.settings(app, Duration.ZERO, Duration.ZERO, 50);
        Credentials credentials = accounts.credentials(account);

        Container container = graph.createContainer(credentials, ContainerRequest.resumableReel("Through a proxy"))
                .orElseThrow();
        graph.upload(credentials, container, Clips.compliant(clips, "proxied.mp4", 3)).orElseThrow();
        eventually(Duration.ofSeconds(30), () -> assertThat(graph.containerStatus(credentials, container.id())
                .orElseThrow().state()).isEqualTo(ContainerState.FINISHED));
        graph.publish(credentials, container.id()).orElseThrow();

        assertThat(SandboxControl.publishes(app, credentials.platformUserId())).isEqualTo(1);
        assertThat(toSandbox(socks)).isNotEmpty().allMatch(s -> s.equals("SOCKS5 localhost:" + app.port()));
    }

    @Test
    void a_down_proxy_makes_its_accounts_calls_unavailable_so_their_work_waits() {
        LoopbackProxy http = started(LoopbackProxy.http().start());
        long proxy = healthy("http", http.port(), "", "");
        long account = connect("downproxy");
        proxies.assign(List.of(account), proxy);
        profile(account);

        http.stop();
        proxies.diagnose(List.of(proxy));
        eventually(() -> assertThat(proxies.find(proxy).orElseThrow().status()).isEqualTo(ProxyStatus.DOWN));
        assertThat(events.of(proxy)).last().satisfies(e -> {
            assertThat(e.label()).isEqualTo(label(proxy));
            assertThat(e.from()).isEqualTo(ProxyStatus.HEALTHY);
            assertThat(e.to()).isEqualTo(ProxyStatus.DOWN);
            assertThat(e.reason()).contains("refused the connection");
        });
        long calls = SandboxControl.calls(app, platformUserId(account));

        GraphResult<Profile> result = graph.profile(accounts.credentials(account));

        assertThat(result).isInstanceOfSatisfying(GraphResult.Failed.class, failed -> {
            assertThat(failed.problem()).isInstanceOf(GraphProblem.RouteUnavailable.class);
            assertThat(failed.problem().error().summary())
                    .startsWith("The egress route proxy " + label(proxy) + " is unavailable: its diagnostics found "
                            + "http://127.0.0.1:" + http.port() + " DOWN at ")
                    .contains("Connection failed: 127.0.0.1:" + http.port() + " refused the connection")
                    .contains("their posts pause instead of failing")
                    .contains("run its diagnostics on the Proxies page, or route those accounts through another proxy");
        });
        assertThat(SandboxControl.calls(app, platformUserId(account))).as("no call left the server").isEqualTo(calls);

        String group = accounts.checkHealth(List.of(account));
        long task = accounts.recentTasks(account, 1).getFirst().taskId();
        var waiting = awaitState(app.bean(Tasks.class), task, TaskState.SCHEDULED);
        assertThat(waiting.task().group()).isEqualTo(group);
        assertThat(waiting.task().lastError()).as("it waits, it did not fail").isNull();
        eventually(() -> assertThat(app.bean(Tasks.class).detail(task).orElseThrow().logs())
                .anySatisfy(line -> assertThat(line.message()).startsWith("Runs again at ")
                        .contains("proxy " + label(proxy) + " is unavailable")));
        assertThat(accounts.find(account).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);

        LoopbackProxy replacement = started(LoopbackProxy.http().start());
        proxies.update(proxy, new ProxyDraft(label(proxy), "http", "127.0.0.1", String.valueOf(replacement.port()),
                "", null, "", "", true));
        eventually(() -> assertThat(proxies.find(proxy).orElseThrow().status()).isEqualTo(ProxyStatus.HEALTHY));
        assertThat(events.of(proxy)).last().as("leaving DOWN is announced, so held posts can resume")
                .satisfies(e -> assertThat(e).extracting(ProxyStatusChanged::from, ProxyStatusChanged::to)
                        .containsExactly(ProxyStatus.DOWN, ProxyStatus.HEALTHY));
        assertThat(graph.profile(accounts.credentials(account)).ok()).as("calls go through again").isTrue();
        assertThat(replacement.seen()).anyMatch(s -> s.startsWith("GET http://localhost:" + app.port()));
    }

    @Test
    void a_proxy_that_fails_between_diagnostics_pauses_calls_and_is_diagnosed_at_once() {
        LoopbackProxy socks = started(LoopbackProxy.socks5().start());
        long proxy = healthy("socks5", socks.port(), "", "");
        long account = connect("failsnow");
        proxies.assign(List.of(account), proxy);
        profile(account);
        int runs = proxies.history(proxy, 100).size();

        socks.stop();
        GraphResult<Profile> result = graph.profile(accounts.credentials(account));

        assertThat(result).isInstanceOfSatisfying(GraphResult.Failed.class, failed -> {
            assertThat(failed.problem()).isInstanceOf(GraphProblem.RouteUnavailable.class);
            assertThat(failed.problem().error().summary()).contains("proxy " + label(proxy) + " failed just now")
                    .contains("refused the connection").contains("its diagnostics run now");
        });
        eventually(() -> assertThat(proxies.history(proxy, 100)).hasSize(runs + 1));
        assertThat(proxies.find(proxy).orElseThrow().status()).isEqualTo(ProxyStatus.DOWN);
    }

    @Test
    void a_disabled_proxy_is_never_bypassed() {
        LoopbackProxy http = started(LoopbackProxy.http().start());
        long proxy = healthy("http", http.port(), "", "");
        long account = connect("disabled");
        proxies.assign(List.of(account), proxy);
        proxies.setEnabled(List.of(proxy), false);

        GraphResult<Profile> result = graph.profile(accounts.credentials(account));

        assertThat(result).isInstanceOfSatisfying(GraphResult.Failed.class, failed ->
                assertThat(failed.problem().error().summary()).contains("it is disabled")
                        .contains("enable the proxy on the Proxies page"));
        assertThat(http.seen()).filteredOn(s -> s.startsWith("GET")).isEmpty();
    }

    /** What the proxy was asked to reach at the sandbox (not the diagnostics probe). */
    private static List<String> toSandbox(LoopbackProxy proxy) {
        return proxy.seen().stream().filter(s -> s.contains("localhost:" + app.port())).toList();
    }

    private static void profile(long accountId) {
        graph.profile(accounts.credentials(accountId)).orElseThrow();
    }

    /** A proxy on 127.0.0.1, added and diagnosed HEALTHY. */
    private static long healthy(String scheme, int port, String username, String password) {
        long id = proxies.add(new ProxyDraft("route-" + NAMES.incrementAndGet(), scheme, "127.0.0.1",
                String.valueOf(port), username, password, "", "", true));
        eventually(() -> assertThat(proxies.find(id).orElseThrow().status()).isEqualTo(ProxyStatus.HEALTHY));
        return id;
    }

    private static long connect(String prefix) {
        return SandboxControl.connect(app, SandboxControl.account(app, prefix + NAMES.incrementAndGet()).accessToken(), "");
    }

    private static String platformUserId(long accountId) {
        return accounts.find(accountId).orElseThrow().platformUserId();
    }

    private static String label(long proxyId) {
        return proxies.find(proxyId).orElseThrow().label();
    }

    private static LoopbackProxy started(LoopbackProxy proxy) {
        started.add(proxy);
        return proxy;
    }
}

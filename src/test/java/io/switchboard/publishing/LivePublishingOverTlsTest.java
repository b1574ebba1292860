package io.switchboard.publishing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.accounts.Connections;
import io.switchboard.platform.Platform;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.proxies.Proxies;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.LoopbackProxy;
import testsupport.ProbeServer;
import testsupport.SignedIn;
import testsupport.TestCertificates;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * Live mode as in production: the Graph API over HTTPS (a local TLS server with a test certificate authority,
 * answering with the shapes copied from Meta's reference pages) reached through an HTTP CONNECT egress proxy.
 * A campaign's post is published; the proxy saw only CONNECT to the TLS server, never a path; every call
 * reached the platform over TLS.
 */
class LivePublishingOverTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The account id the answers copied from Meta's reference pages carry. */
    private static final String REFERENCE_USER = "17841405822304914";
    private static WireMockServer meta;
    private static LoopbackProxy proxy;
    private static ProbeServer probe;
    private static AppInstance app;

    @BeforeAll
    static void start() {
        TestCertificates certificate = TestCertificates.trusted();
        meta = new WireMockServer(options().dynamicPort().dynamicHttpsPort().usingFilesUnderClasspath("meta-graph")
                .keystorePath(certificate.keyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(TestCertificates.password()).keyManagerPassword(TestCertificates.password()));
        meta.start();
        proxy = LoopbackProxy.http().start();
        probe = new ProbeServer(certificate);
        String graph = "https://localhost:" + meta.httpsPort();
        app = AppInstance.start(TestPostgres.freshDatabase(), "switchboard.platform.mode=live",
                "switchboard.instagram.graph-url=" + graph, "switchboard.instagram.oauth-url=" + graph,
                "switchboard.proxies.trust-certificates=" + certificate.pem(),
                "switchboard.proxies.probe-url=" + probe.url(),
                // healthy means "answers"; how fast is no concern here, on a loaded machine
                "switchboard.proxies.degraded-latency=60s",
                // the test's CONNECT proxy listens on loopback, which production refuses
                "switchboard.proxies.allow-private-addresses=true",
                "switchboard.media.public-base-url=https://media.example.test",
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=600ms");
    }

    @AfterAll
    static void stop() {
        app.close();
        probe.close();
        proxy.close();
        meta.stop();
    }

    @Test
    void a_post_goes_out_over_tls_through_the_connect_proxy() {
        SignedIn.as("tls-test", "OPERATOR");
        try {
            Proxies proxies = app.bean(Proxies.class);
            long id = proxies.add(new ProxyDraft("tls-edge", "http", "127.0.0.1", String.valueOf(proxy.port()), "", "",
                    "eu", "", true));
            eventually(WAIT, () -> assertThat(proxies.find(id).orElseThrow().status()).isEqualTo(ProxyStatus.HEALTHY));
            proxies.setDefault(id);

            long accountId = app.bean(Connections.class).connectWithToken(Platform.INSTAGRAM,
                    "IGQVJ-long-lived-token-from-the-reference", "UTC", "tls");
            var account = new PublishingFixture.Connected(accountId, REFERENCE_USER);
            PublishingFixture fixture = new PublishingFixture(app);
            Campaigns campaigns = app.bean(Campaigns.class);
            long campaign = campaigns.launch(PublishingFixture.imageCampaign("Over TLS", List.of(account),
                    fixture.images(1)), "tls-test");

            eventually(WAIT, () -> assertThat(campaigns.find(campaign).orElseThrow().status())
                    .isEqualTo(CampaignStatus.FINISHED));
            CampaignPost post = fixture.posts(campaign).getFirst();
            assertThat(post.status()).as(post.statusReason()).isEqualTo(PostStatus.PUBLISHED);
            assertThat(post.mediaId()).isEqualTo("17920238422030506");
            assertThat(post.permalink()).isEqualTo("https://www.instagram.com/p/C9rEfErEnCe/");

            List<LoggedRequest> calls = meta.findAll(anyRequestedFor(anyUrl()));
            assertThat(calls).extracting(LoggedRequest::getUrl).anyMatch(url -> url.contains("/media_publish"));
            assertThat(calls).allSatisfy(call -> assertThat(call.getAbsoluteUrl()).startsWith("https://"));
            assertThat(meta.findAll(anyRequestedFor(anyUrl()))).noneMatch(LoggedRequest::isBrowserProxyRequest);
            assertThat(proxy.seen()).contains("CONNECT localhost:" + meta.httpsPort())
                    .noneMatch(line -> line.contains("/v25.0/") || line.contains("access_token"));
        } finally {
            SignedIn.out();
        }
    }
}

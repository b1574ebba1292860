package io.switchboard.publishing;

import io.switchboard.accounts.AccountStatus;
import io.switchboard.accounts.Accounts;
import io.switchboard.proxies.Proxies;
import io.switchboard.proxies.ProxyDraft;
import io.switchboard.proxies.ProxyStatus;
import io.switchboard.sandbox.SandboxControl;
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

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.TaskWaits.eventually;

/**
 * A campaign for an account routed through a real proxy on loopback: the posts go out through it; when its
 * diagnostics find it DOWN the account's posts are held with the reason (the account itself stays active),
 * and when the proxy is up again they go on by themselves, through it.
 */
class PublishingThroughProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ProbeServer probe;
    private static AppInstance app;

    @BeforeAll
    static void start() {
        probe = new ProbeServer(TestCertificates.trusted());
        app = AppInstance.start(TestPostgres.freshDatabase(),
                // the test proxies listen on loopback, a private address an admin must allow
                "switchboard.proxies.allow-private-addresses=true",
                "switchboard.proxies.probe-url=" + probe.url(),
                "switchboard.proxies.trust-certificates=" + TestCertificates.trusted().pem(),
                "switchboard.proxies.route-cache=100ms",
                "switchboard.tasks.poll-interval=200ms", "switchboard.tasks.promote-interval=50ms",
                "switchboard.publishing.poll-first=300ms", "switchboard.publishing.poll-max=1s");
    }

    @AfterAll
    static void stop() {
        app.close();
        probe.close();
    }

    @Test
    void a_down_proxy_holds_its_accounts_posts_and_they_go_on_through_it_when_it_is_up_again() {
        SignedIn.as("proxy-publishing-test", "OPERATOR");
        try (LoopbackProxy first = LoopbackProxy.http().start(); LoopbackProxy second = LoopbackProxy.http().start()) {
            SandboxControl.settings(app, Duration.ZERO, Duration.ofMillis(300), 50);
            Proxies proxies = app.bean(Proxies.class);
            long proxy = proxies.add(new ProxyDraft("eu-edge", "http", "127.0.0.1", String.valueOf(first.port()),
                    "", "", "eu", "", true));
            eventually(WAIT, () -> assertThat(proxies.find(proxy).orElseThrow().status()).isEqualTo(ProxyStatus.HEALTHY));
            PublishingFixture fixture = new PublishingFixture(app);
            var account = fixture.accounts(1, "viaproxy").getFirst();
            proxies.assign(List.of(account.id()), proxy);
            var media = fixture.images(2);
            Campaigns campaigns = app.bean(Campaigns.class);

            long before = campaigns.launch(PublishingFixture.imageCampaign("Through", List.of(account), media.subList(0, 1)),
                    "proxy-publishing-test");
            eventually(WAIT, () -> assertThat(campaigns.find(before).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
            assertThat(first.seen()).anyMatch(s -> s.contains("/media_publish"));

            first.stop();
            proxies.diagnose(List.of(proxy));
            eventually(WAIT, () -> assertThat(proxies.find(proxy).orElseThrow().status()).isEqualTo(ProxyStatus.DOWN));
            long held = campaigns.launch(PublishingFixture.imageCampaign("Held", List.of(account), media.subList(1, 2)),
                    "proxy-publishing-test");
            eventually(WAIT, () -> assertThat(fixture.posts(held)).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo(PostStatus.PAUSED);
                assertThat(p.statusReason()).contains("proxy eu-edge").contains("DOWN");
            }));
            assertThat(app.bean(Accounts.class).find(account.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(SandboxControl.publishes(app, account.platformUserId())).isEqualTo(1);

            // the operator points the proxy at a working address; its diagnostics find it up and the post goes on
            proxies.update(proxy, new ProxyDraft("eu-edge", "http", "127.0.0.1", String.valueOf(second.port()),
                    "", null, "eu", "", true));
            eventually(WAIT, () -> assertThat(campaigns.find(held).orElseThrow().status()).isEqualTo(CampaignStatus.FINISHED));
            assertThat(fixture.posts(held).getFirst().status()).isEqualTo(PostStatus.PUBLISHED);
            assertThat(second.seen()).anyMatch(s -> s.contains("/media_publish"));
            assertThat(SandboxControl.publishes(app, account.platformUserId())).isEqualTo(2);
        } finally {
            SignedIn.out();
        }
    }
}

package io.switchboard.proxies;

import org.junit.jupiter.api.Test;
import testsupport.LoopbackProxy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.TaskWaits.eventually;

/**
 * Proxies at private addresses (loopback, the LAN, link-local) are connected to only when an admin allows it, so
 * proxy diagnostics cannot be pointed at the network Switchboard runs in: every connection to a proxy, from
 * diagnostics and from routed platform calls, goes through the dialer checked here.
 */
class PrivateProxyAddressTest {

    @Test
    void a_loopback_proxy_is_not_even_connected_to_unless_private_addresses_are_allowed() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.http().start()) {
            ProxyEndpoint endpoint = new ProxyEndpoint(ProxyScheme.HTTP, "127.0.0.1", proxy.port(), null, null);
            Target target = new Target("http", "example.com", 80);

            assertThatThrownBy(() -> dialer(false).open(endpoint, target, Deadline.in(Duration.ofSeconds(5)), new Timings()))
                    .isInstanceOf(ProxyFailure.class)
                    .hasMessageContaining("127.0.0.1 is a private address")
                    .hasMessageContaining("switchboard.proxies.allow-private-addresses=true");
            assertThat(proxy.connections()).isZero();

            dialer(true).open(endpoint, target, Deadline.in(Duration.ofSeconds(5)), new Timings()).close();
            eventually(() -> assertThat(proxy.connections()).isEqualTo(1));
        }
    }

    @Test
    void lan_link_local_and_metadata_addresses_are_private_public_ones_are_not() throws Exception {
        for (String address : new String[]{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1"}) {
            assertThat(io.switchboard.infrastructure.NetworkAddresses.isPrivate(InetAddress.ofLiteral(address)))
                    .as(address).isTrue();
        }
        for (String address : new String[]{"8.8.8.8", "157.240.1.35", "2a03:2880:f10c:83:face:b00c:0:25de"}) {
            assertThat(io.switchboard.infrastructure.NetworkAddresses.isPrivate(InetAddress.ofLiteral(address)))
                    .as(address).isFalse();
        }
    }

    private static ProxyDialer dialer(boolean allowPrivate) {
        ProxySettings settings = new ProxySettings(URI.create("https://api.ipify.org?format=json"), Duration.ofMinutes(5),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2), 1, Duration.ofDays(14),
                Duration.ofSeconds(5), null, 1000, allowPrivate);
        return new ProxyDialer(new ProxyTls(settings), settings);
    }
}

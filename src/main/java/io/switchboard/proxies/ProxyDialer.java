package io.switchboard.proxies;

import io.switchboard.infrastructure.NetworkAddresses;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Opens connections to a target through a proxy, step by step: TCP to the proxy, TLS to it (HTTPS proxies), the
 * proxy's handshake (CONNECT or SOCKS5, with credentials), then TLS to the target through the tunnel. Each step's
 * failure is a {@link ProxyFailure} naming the step; each step's time goes into the {@link Timings}.
 */
@Component
class ProxyDialer {
    private final ProxyTls tls;
    private final ProxySettings settings;

    ProxyDialer(ProxyTls tls, ProxySettings settings) {
        this.tls = tls;
        this.settings = settings;
    }

    ProxyConnection open(ProxyEndpoint proxy, Target target, Deadline deadline, Timings timings) throws IOException {
        Socket socket = connect(proxy, deadline);
        timings.connectMs = timings.step();
        try {
            if (proxy.scheme() == ProxyScheme.HTTPS) {
                socket = tls.handshake(socket, proxy.host(), proxy.port(), deadline, CheckOutcome.PROXY_TLS_FAILED);
            }
            if (proxy.scheme() == ProxyScheme.SOCKS5) {
                Socks5Handshake.tunnel(socket, proxy, target, deadline);
            } else if (target.tls()) {
                ConnectHandshake.tunnel(socket, proxy, target, deadline);
            } else {
                timings.handshakeMs = timings.step();
                return new ProxyConnection(socket, true, proxy.basicAuthorization());
            }
            timings.handshakeMs = timings.step();
            if (target.tls()) {
                socket = tls.handshake(socket, target.host(), target.port(), deadline, CheckOutcome.TLS_FAILED);
                timings.tlsMs = timings.step();
            }
            return new ProxyConnection(socket, false, null);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Socket connect(ProxyEndpoint proxy, Deadline deadline) throws IOException {
        InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
        if (address.isUnresolved()) {
            throw new ProxyFailure(CheckOutcome.CONNECT_FAILED, "the proxy's host name " + proxy.host()
                    + " does not resolve: check the host");
        }
        if (!settings.allowPrivateAddresses() && NetworkAddresses.isPrivate(address.getAddress())) {
            throw new ProxyFailure(CheckOutcome.CONNECT_FAILED, proxy.host() + " is a private address ("
                    + address.getAddress().getHostAddress() + ": this machine, the local network or link-local); "
                    + "Switchboard connects to proxies there only when an admin sets "
                    + "switchboard.proxies.allow-private-addresses=true");
        }
        Socket socket = new Socket();
        int timeout = (int) Math.min(settings.connectTimeout().toMillis(), deadline.remainingMillis());
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, timeout);
            return socket;
        } catch (ConnectException e) {
            socket.close();
            throw new ProxyFailure(CheckOutcome.CONNECT_FAILED, proxy.address() + " refused the connection: check "
                    + "that the proxy runs and that host and port are right");
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ProxyFailure(CheckOutcome.CONNECT_FAILED, "no connection to " + proxy.address() + " within "
                    + timeout + " ms: the proxy is unreachable from this server (firewall, wrong address?)");
        } catch (NoRouteToHostException e) {
            socket.close();
            throw new ProxyFailure(CheckOutcome.CONNECT_FAILED, "no route to " + proxy.address());
        } catch (IOException e) {
            socket.close();
            throw new ProxyFailure(CheckOutcome.CONNECT_FAILED, "could not connect to " + proxy.address() + ": "
                    + e.getMessage());
        }
    }
}

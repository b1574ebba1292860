package io.switchboard.infrastructure;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses that are not on the public internet: this machine (loopback, any-local), the local network (private
 * ranges, IPv6 unique-local, carrier-grade NAT) and link-local (including cloud metadata at 169.254.169.254).
 * Outbound connections an operator or a caller can point somewhere (egress proxies, the sandbox's media fetch)
 * refuse these unless an admin allows them, so Switchboard cannot be used to reach into the network it runs in.
 */
public final class NetworkAddresses {
    private NetworkAddresses() {
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}

package io.switchboard.proxies;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Opens a tunnel through a SOCKS5 proxy (RFC 1928) with username/password sign-in (RFC 1929). Host names go to
 * the proxy unresolved, so the proxy's own DNS decides where the target is.
 */
final class Socks5Handshake {
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final String[] REPLIES = {"succeeded", "general SOCKS server failure",
            "connection not allowed by the proxy's rules", "network unreachable", "host unreachable",
            "connection refused by the target", "TTL expired", "command not supported", "address type not supported"};

    private Socks5Handshake() {
    }

    static void tunnel(Socket socket, ProxyEndpoint proxy, Target target, Deadline deadline) throws IOException {
        socket.setSoTimeout(deadline.remainingMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        try {
            signIn(in, out, proxy);
            socket.setSoTimeout(deadline.remainingMillis());
            connect(in, out, target);
        } catch (SocketTimeoutException e) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the SOCKS5 proxy did not answer within "
                    + deadline.total().toMillis() + " ms");
        } catch (EOFException e) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy closed the connection during the SOCKS5 "
                    + "handshake: is it a SOCKS5 proxy?");
        }
    }

    private static void signIn(DataInputStream in, OutputStream out, ProxyEndpoint proxy) throws IOException {
        boolean credentials = proxy.username() != null;
        out.write(credentials ? new byte[]{VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD}
                : new byte[]{VERSION, 1, NO_AUTHENTICATION});
        out.flush();
        int version = in.readUnsignedByte();
        int method = in.readUnsignedByte();
        if (version != VERSION) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the proxy did not answer as a SOCKS5 proxy");
        }
        if (method == NO_ACCEPTABLE_METHOD) {
            throw new ProxyFailure(CheckOutcome.AUTH_FAILED, credentials
                    ? "the SOCKS5 proxy accepts neither username/password nor no sign-in"
                    : "the SOCKS5 proxy requires a username and password: add them");
        }
        if (method == USERNAME_PASSWORD && credentials) {
            byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
            byte[] password = (proxy.password() == null ? "" : proxy.password()).getBytes(StandardCharsets.UTF_8);
            out.write(ByteBuffer.allocate(3 + user.length + password.length).put((byte) 1).put((byte) user.length)
                    .put(user).put((byte) password.length).put(password).array());
            out.flush();
            in.readUnsignedByte();
            if (in.readUnsignedByte() != 0) {
                throw new ProxyFailure(CheckOutcome.AUTH_FAILED,
                        "the SOCKS5 proxy refused the username and password: correct them");
            }
        } else if (method != NO_AUTHENTICATION) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the SOCKS5 proxy chose sign-in method " + method
                    + ", which Switchboard does not offer");
        }
    }

    private static void connect(DataInputStream in, OutputStream out, Target target) throws IOException {
        byte[] address = address(target.host());
        out.write(ByteBuffer.allocate(3 + address.length + 2).put((byte) VERSION).put((byte) 1).put((byte) 0)
                .put(address).putShort((short) target.port()).array());
        out.flush();
        in.readUnsignedByte();
        int reply = in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int length = switch (type) {
            case 1 -> 4;
            case 3 -> in.readUnsignedByte();
            case 4 -> 16;
            default -> throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the SOCKS5 proxy answered CONNECT "
                    + "with an unknown address type " + type);
        };
        in.readFully(new byte[length + 2]);
        if (reply != 0) {
            throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the SOCKS5 proxy could not reach "
                    + target.authority() + ": " + (reply < REPLIES.length ? REPLIES[reply] : "reply " + reply));
        }
    }

    /** ATYP and address: IPv4 (1) or IPv6 (4) for literals, the name (3) for everything else. */
    private static byte[] address(String host) throws ProxyFailure {
        try {
            byte[] literal = InetAddress.ofLiteral(host).getAddress();
            return ByteBuffer.allocate(1 + literal.length).put((byte) (literal.length == 4 ? 1 : 4)).put(literal).array();
        } catch (IllegalArgumentException notALiteral) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new ProxyFailure(CheckOutcome.HANDSHAKE_FAILED, "the host name is too long for SOCKS5");
            }
            return ByteBuffer.allocate(2 + name.length).put((byte) 3).put((byte) name.length).put(name).array();
        }
    }
}

package io.switchboard.proxies;

import io.switchboard.infrastructure.FieldChecks;
import io.switchboard.infrastructure.Tags;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fields of a proxy, checked the same way in forms and imports; each check throws {@link ProxyProblem} naming
 * the field and what to enter instead.
 */
final class ProxyFields {
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final int MAX_LABEL = 60;
    private static final int MAX_REGION = 40;
    /** SOCKS5 sign-in carries each in one length byte (RFC 1929). */
    private static final int MAX_CREDENTIAL_BYTES = 255;

    private ProxyFields() {
    }

    /** Checks every field; throws one {@link ProxyProblem} holding every mistake found. */
    static ProxySpec check(ProxyDraft draft, @Nullable String keptPassword) {
        var checks = FieldChecks.of(ProxyProblem.class);
        ProxyScheme scheme = checks.check(() -> scheme("scheme", draft.scheme()), ProxyScheme.HTTP);
        String host = checks.check(() -> host("host", draft.host()), "");
        int port = checks.check(() -> port("port", draft.port()), 0);
        String username = checks.check(() -> username("username", draft.username(), scheme), null);
        String typed = checks.check(() -> password("password", draft.password()), null);
        String password = typed == null && username != null ? keptPassword : typed;
        if (password != null && username == null && strip(draft.username()).isEmpty()) {
            checks.add(new ProxyProblem("username", "A password needs a username: enter both, or neither."));
        }
        String label = checks.check(() -> label("label", draft.label(), username, host, port), "");
        String region = checks.check(() -> region("region", draft.region()), "");
        List<String> tags = checks.check(() -> tags("tags", draft.tags()), List.of());
        checks.throwIfAny(ProxyProblem::new);
        return new ProxySpec(label, scheme, host, port, username, password, region, tags, draft.enabled());
    }

    static ProxyScheme scheme(String field, @Nullable String value) {
        return ProxyScheme.fromUrl(value == null ? "" : value).orElseThrow(() -> new ProxyProblem(field,
                "'" + strip(value) + "' is not a proxy type: use http, https (TLS to the proxy) or socks5."
                        + (strip(value).toLowerCase(Locale.ROOT).startsWith("socks4") ? " SOCKS4 is not supported." : "")));
    }

    static String host(String field, @Nullable String value) {
        String host = strip(value);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new ProxyProblem(field, "Enter the proxy's host name or IP address.");
        }
        try {
            return InetAddress.ofLiteral(host).getHostAddress();
        } catch (IllegalArgumentException notAnAddress) {
            String name = host.toLowerCase(Locale.ROOT);
            if (!HOST_NAME.matcher(name).matches()) {
                throw new ProxyProblem(field, "'" + host + "' is not a host name or IP address.");
            }
            return name;
        }
    }

    static int port(String field, @Nullable String value) {
        try {
            int port = Integer.parseInt(strip(value));
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProxyProblem(field, strip(value).isEmpty() ? "Enter the proxy's port (1 to 65535)."
                : "'" + strip(value) + "' is not a port: use a number from 1 to 65535.");
    }

    static @Nullable String username(String field, @Nullable String value, ProxyScheme scheme) {
        String username = credential(field, value, "username");
        if (username != null && scheme != ProxyScheme.SOCKS5 && username.indexOf(':') >= 0) {
            throw new ProxyProblem(field, "An HTTP proxy's username cannot contain ':' (HTTP Basic sign-in).");
        }
        return username;
    }

    static @Nullable String password(String field, @Nullable String value) {
        return credential(field, value, "password");
    }

    /** Never echoes the value: it may be a password. */
    private static @Nullable String credential(String field, @Nullable String value, String what) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new ProxyProblem(field, "The " + what + " contains a control character (a line break or tab?).");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_CREDENTIAL_BYTES) {
            throw new ProxyProblem(field, "The " + what + " is longer than " + MAX_CREDENTIAL_BYTES + " bytes.");
        }
        return value;
    }

    static String label(String field, @Nullable String value, @Nullable String username, String host, int port) {
        String label = strip(value);
        if (label.isEmpty()) {
            label = (username == null ? "" : username + "@") + ProxyEndpoint.authority(host, port);
        }
        if (label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            throw new ProxyProblem(field, "A label is up to " + MAX_LABEL + " characters on one line.");
        }
        return label;
    }

    static String region(String field, @Nullable String value) {
        String region = strip(value);
        if (region.length() > MAX_REGION || region.chars().anyMatch(Character::isISOControl)) {
            throw new ProxyProblem(field, "A region is up to " + MAX_REGION + " characters, such as eu-west.");
        }
        return region;
    }

    /** Tags separated by ';' or ',' (or spaces), lower-cased. */
    static List<String> tags(String field, @Nullable String value) {
        List<String> tags = Tags.split(value);
        Tags.problem(tags).ifPresent(problem -> {
            throw new ProxyProblem(field, problem);
        });
        return tags;
    }

    private static String strip(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}

package io.switchboard.proxies;

import io.switchboard.infrastructure.Csv;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Reads an import: one proxy URL per line ({@code scheme://user:pass@host:port}, blank lines and {@code #}
 * comments skipped), or CSV whose header names {@code url} or {@code scheme,host,port} (plus optional
 * {@code username, password, label, region, tags, enabled}). Every field of every line is checked; each problem
 * is reported with its line and column.
 */
final class ProxyLines {
    static final List<String> CSV_COLUMNS = List.of("url", "scheme", "host", "port", "username", "password", "label",
            "region", "tags", "enabled");
    /** Columns an export adds; an import of an export ignores them. */
    static final List<String> EXPORT_ONLY = List.of("status", "status_reason", "checked_at", "latency_ms", "exit_ip",
            "accounts");
    private static final String URL_FORM = "write each proxy as scheme://user:password@host:port, such as "
            + "socks5://alice:secret@203.0.113.7:1080 (percent-encode ':' '@' '/' in credentials)";

    private ProxyLines() {
    }

    /** A line that passed every check, and the columns its label and address came from. */
    record Parsed(int line, ProxySpec spec, String labelColumn, String addressColumn) {
    }

    /** The fields of one line as written, before checking. */
    private record Raw(String scheme, String host, String port, String username, @Nullable String password,
                       String label, String region, String tags, String enabled) {
    }

    static List<Parsed> parse(String text, int maxRows, List<ProxyImportPreview.ImportError> errors) {
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return looksLikeCsv(input) ? csv(input, maxRows, errors) : urls(input, maxRows, errors);
    }

    /** CSV when the first line is a header naming url or host. */
    private static boolean looksLikeCsv(String input) {
        for (String line : input.split("\r?\n")) {
            if (!line.isBlank()) {
                for (String field : line.split(",")) {
                    String name = field.replace("\"", "").strip().toLowerCase(Locale.ROOT);
                    if (name.equals("url") || name.equals("host")) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private static List<Parsed> urls(String input, int maxRows, List<ProxyImportPreview.ImportError> errors) {
        String[] lines = input.split("\r?\n", -1);
        List<Parsed> parsed = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (++rows > maxRows) {
                errors.clear();
                errors.add(error(0, "", "the file has more than " + maxRows + " proxies; import at most " + maxRows
                        + " at a time."));
                return List.of();
            }
            int number = i + 1;
            try {
                Raw raw = url(line, "", "", "", "");
                check(number, raw, field -> field, errors).ifPresent(spec -> parsed.add(new Parsed(number, spec, "", "")));
            } catch (ProxyProblem problem) {
                errors.add(error(number, problem.field(), lowerFirst(problem.getMessage())));
            }
        }
        return parsed;
    }

    private static List<Parsed> csv(String input, int maxRows, List<ProxyImportPreview.ImportError> errors) {
        List<Csv.Line> lines;
        try {
            lines = Csv.parse(input);
        } catch (IllegalArgumentException e) {
            errors.add(error(0, "", e.getMessage() + ": close the quote and upload again."));
            return List.of();
        }
        List<String> header = lines.getFirst().fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!headerValid(header, errors)) {
            return List.of();
        }
        if (lines.size() - 1 > maxRows) {
            errors.add(error(0, "", "the file has " + (lines.size() - 1) + " proxies; import at most " + maxRows
                    + " at a time."));
            return List.of();
        }
        boolean byUrl = header.contains("url");
        UnaryOperator<String> column = byUrl ? f -> List.of("scheme", "host", "port", "username", "password").contains(f)
                ? "url" : f : f -> f;
        List<Parsed> parsed = new ArrayList<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            if (line.fields().size() != header.size()) {
                errors.add(error(line.number(), "", "the row has " + line.fields().size() + " fields but the header "
                        + "names " + header.size() + " columns."));
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                values.put(header.get(i), line.fields().get(i));
            }
            try {
                Raw raw = byUrl ? url(values.getOrDefault("url", "").strip(), value(values, "label"),
                        value(values, "region"), value(values, "tags"), value(values, "enabled"))
                        : new Raw(value(values, "scheme"), value(values, "host"), value(values, "port"),
                        values.getOrDefault("username", ""), values.get("password"), value(values, "label"),
                        value(values, "region"), value(values, "tags"), value(values, "enabled"));
                check(line.number(), raw, column, errors).ifPresent(spec -> parsed.add(new Parsed(line.number(), spec,
                        "label", byUrl ? "url" : "host")));
            } catch (ProxyProblem problem) {
                errors.add(error(line.number(), "url", lowerFirst(problem.getMessage())));
            }
        }
        return parsed;
    }

    private static boolean headerValid(List<String> header, List<ProxyImportPreview.ImportError> errors) {
        int before = errors.size();
        for (String column : header) {
            if (!CSV_COLUMNS.contains(column) && !EXPORT_ONLY.contains(column)) {
                errors.add(error(1, column, "unknown column; the columns are " + String.join(", ", CSV_COLUMNS) + "."));
            }
        }
        if (new HashSet<>(header).size() != header.size()) {
            errors.add(error(1, "", "a column appears twice in the header."));
        }
        boolean byUrl = header.contains("url");
        Set<String> parts = Set.of("scheme", "host", "port");
        if (byUrl && header.stream().anyMatch(parts::contains)) {
            errors.add(error(1, "url", "give either a url column or scheme, host and port columns, not both."));
        } else if (!byUrl && !header.containsAll(parts)) {
            errors.add(error(1, "", "the header needs a url column, or scheme, host and port columns."));
        }
        return errors.size() == before;
    }

    /** Checks every field, reporting each problem under its column; the spec when all passed. */
    private static Optional<ProxySpec> check(int line, Raw raw, UnaryOperator<String> column,
                                                       List<ProxyImportPreview.ImportError> errors) {
        int before = errors.size();
        ProxyScheme scheme = field(errors, line, column.apply("scheme"), () -> ProxyFields.scheme("scheme", raw.scheme()));
        String host = field(errors, line, column.apply("host"), () -> ProxyFields.host("host", raw.host()));
        Integer port = field(errors, line, column.apply("port"), () -> ProxyFields.port("port", raw.port()));
        String username = scheme == null ? null : field(errors, line, column.apply("username"),
                () -> ProxyFields.username("username", raw.username(), scheme));
        String password = field(errors, line, column.apply("password"), () -> ProxyFields.password("password", raw.password()));
        if (password != null && raw.username().isEmpty()) {
            errors.add(error(line, column.apply("username"), "a password needs a username."));
        }
        String region = field(errors, line, "region", () -> ProxyFields.region("region", raw.region()));
        List<String> tags = field(errors, line, "tags", () -> ProxyFields.tags("tags", raw.tags()));
        Boolean enabled = field(errors, line, "enabled", () -> enabled(raw.enabled()));
        if (!raw.label().isEmpty()) {
            field(errors, line, "label", () -> ProxyFields.label("label", raw.label(), null, "", 0));
        }
        if (errors.size() != before || scheme == null || host == null || port == null || region == null || tags == null
                || enabled == null) {
            return Optional.empty();
        }
        String label = field(errors, line, "label", () -> ProxyFields.label("label", raw.label(), username, host, port));
        return label == null ? Optional.empty()
                : Optional.of(new ProxySpec(label, scheme, host, port, username, password, region, tags, enabled));
    }

    /** Splits a proxy URL into its parts; percent-escapes in the credentials are decoded. */
    private static Raw url(String url, String label, String region, String tags, String enabled) {
        int separator = url.indexOf("://");
        if (separator <= 0) {
            throw new ProxyProblem("", url.isEmpty() ? "the url is empty: " + URL_FORM + "." : "not a proxy URL: " + URL_FORM + ".");
        }
        String rest = url.substring(separator + 3);
        rest = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        String address = rest.substring(at + 1);
        if (address.contains("/") || address.contains("?") || address.contains("#")) {
            throw new ProxyProblem("host", "a proxy URL ends after the port: " + URL_FORM + ".");
        }
        String host;
        String port;
        int closing = address.startsWith("[") ? address.indexOf(']') : -1;
        int colon = closing >= 0 ? address.indexOf(':', closing) : address.lastIndexOf(':');
        if (colon < 0) {
            throw new ProxyProblem("port", "the port is missing: " + URL_FORM + ".");
        }
        host = address.substring(0, colon);
        port = address.substring(colon + 1);
        String username = "";
        String password = null;
        if (userInfo != null) {
            int split = userInfo.indexOf(':');
            username = decode(split < 0 ? userInfo : userInfo.substring(0, split));
            password = split < 0 ? null : decode(userInfo.substring(split + 1));
        }
        return new Raw(url.substring(0, separator), host, port, username, password, label, region, tags, enabled);
    }

    /** Percent-decoding as URLs define it ('+' stays '+'), never echoing the value: it may be a password. */
    private static String decode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    throw new ProxyProblem("password", "a '%' in the credentials must start an escape such as %40 "
                            + "(for '@'): write a literal '%' as %25.");
                }
                bytes.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean enabled(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new ProxyProblem("enabled", "'" + value.strip() + "' is not true or false.");
        };
    }

    private static String value(Map<String, String> values, String column) {
        return values.getOrDefault(column, "").strip();
    }

    private static <T> @Nullable T field(List<ProxyImportPreview.ImportError> errors, int line, String column,
                                         Supplier<T> check) {
        try {
            return check.get();
        } catch (ProxyProblem problem) {
            errors.add(error(line, column, lowerFirst(problem.getMessage())));
            return null;
        }
    }

    private static ProxyImportPreview.ImportError error(int line, String column, String message) {
        return new ProxyImportPreview.ImportError(line, column, message);
    }

    private static String lowerFirst(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}

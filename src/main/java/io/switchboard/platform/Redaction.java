package io.switchboard.platform;

import java.net.URI;
import java.util.regex.Pattern;

/** Hides secrets in what gets written down: tokens, secrets and codes in query strings. */
final class Redaction {
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&])(?:access_token|input_token|fb_exchange_token|client_secret|code)=)[^&#]*");

    private Redaction() {
    }

    static String uri(URI uri) {
        return query(uri.toString());
    }

    static String query(String text) {
        return SECRET_PARAMETER.matcher(text).replaceAll("$1***");
    }
}

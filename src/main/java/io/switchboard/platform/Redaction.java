package io.switchboard.platform;

import java.net.URI;
import java.util.regex.Pattern;

/** Hides secrets in what gets written down: tokens, secrets and codes in query strings. */
public final class Redaction {
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&])(?:access_token|input_token|fb_exchange_token|refresh_token|client_secret|code|code_verifier)=)[^&#]*");

    private Redaction() {
    }

    public static String uri(URI uri) {
        return query(uri.toString());
    }

    public static String query(String text) {
        return SECRET_PARAMETER.matcher(text).replaceAll("$1***");
    }
}

package io.switchboard.instagram.graph;

import io.switchboard.platform.PlatformMode;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Where the client sends calls. Live: Meta's hosts (or the configured ones). Sandbox: this app's own
 * {@code /sandbox/graph} on the port it actually listens on, read when a call is made (tests run on random
 * ports), and the sandbox's authorize page as a path of this app, so the operator's browser stays on it.
 */
@Component
class GraphEndpoints {
    private static final URI META_GRAPH = URI.create("https://graph.instagram.com");
    private static final URI META_OAUTH = URI.create("https://api.instagram.com");
    private static final String META_AUTHORIZE = "https://www.instagram.com/oauth/authorize";
    private static final String SANDBOX_AUTHORIZE = "/sandbox/oauth/authorize";
    private final InstagramSettings settings;
    private final Environment environment;
    private final PlatformMode mode;

    GraphEndpoints(InstagramSettings settings, Environment environment, PlatformMode mode) {
        MovedSettings.check(environment);
        this.settings = settings;
        this.environment = environment;
        this.mode = mode;
    }

    PlatformMode mode() {
        return mode;
    }

    /** The Graph API with the version: {@code …/v25.0}. */
    URI versioned(String path) {
        return URI.create(graphRoot() + "/" + settings.apiVersion() + "/" + path);
    }

    /** Graph paths without a version (the token endpoints). */
    URI unversioned(String path) {
        return URI.create(graphRoot() + "/" + path);
    }

    URI oauth(String path) {
        URI base = settings.oauthUrl() != null ? settings.oauthUrl() : mode == PlatformMode.SANDBOX ? sandbox() : META_OAUTH;
        return URI.create(trim(base) + "/" + path);
    }

    String authorize() {
        if (settings.authorizeUrl() != null) {
            return settings.authorizeUrl();
        }
        return mode == PlatformMode.SANDBOX ? SANDBOX_AUTHORIZE : META_AUTHORIZE;
    }

    private String graphRoot() {
        URI base = settings.graphUrl() != null ? settings.graphUrl() : mode == PlatformMode.SANDBOX ? sandbox() : META_GRAPH;
        return trim(base);
    }

    private URI sandbox() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return URI.create("http://localhost:" + port + "/sandbox/graph");
    }

    private static String trim(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}

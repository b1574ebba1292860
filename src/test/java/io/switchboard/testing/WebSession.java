package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client over real HTTP: keeps cookies, does not follow redirects (tests look at them),
 * and sends the CSRF token of the last page it read with every form it posts.
 */
public final class WebSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String csrf = "";

    public WebSession() {
        client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private WebSession(InetAddress localAddress) {
        client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .localAddress(localAddress).build();
    }

    /**
     * A client whose connections come from another loopback address ({@code 127.0.0.2} …), as the server sees a
     * different client: the whole 127.0.0.0/8 block is this machine.
     */
    public static WebSession from(String loopbackAddress) {
        return new WebSession(InetAddress.ofLiteral(loopbackAddress));
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** The session cookie this client holds for the given site, as a {@code Cookie} header value. */
    public String sessionCookie(String url) {
        return cookies.getCookieStore().get(URI.create(url)).stream()
                .filter(c -> c.getName().equals("SWITCHBOARD_SESSION"))
                .map(c -> c.getName() + "=" + c.getValue())
                .findFirst().orElseThrow(() -> new IllegalStateException("no session cookie for " + url));
    }

    /** Signs in through the login form; returns the redirect the server answered with. */
    public HttpResponse<String> login(String baseUrl, String username, String password) {
        get(baseUrl + "/login");
        return post(baseUrl + "/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String url) {
        return get(url, Map.of());
    }

    public HttpResponse<String> get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = send(request.build());
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    /** The CSRF token of the last page read, for requests a page's script would send with it as a header. */
    public String csrf() {
        return csrf;
    }

    /** Posts a form with the CSRF token of the last page read (unless the form carries its own). */
    public HttpResponse<String> post(String url, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

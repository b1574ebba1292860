package io.switchboard.api;

import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.identity.ApiKey;
import io.switchboard.identity.ApiKeys;
import io.switchboard.identity.ApiScope;
import io.switchboard.media.MediaLibrary;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Everything a call must pass before anything reads its body, in this order: a live API key
 * ({@code Authorization: Bearer sb_…}), the key's rate limit, the key's scope for the method and path, a body of a
 * kind and size the API takes. Then the call runs as the key, and is recorded in the audit trail under its name.
 */
class ApiKeyFilter extends OncePerRequestFilter {
    static final String BASE = "/api/v1";
    static final String UPLOAD = BASE + "/media";
    private final ApiKeys keys;
    private final RateLimits limits;
    private final ProblemWriter problems;
    private final MediaLibrary media;
    private final ApiSettings settings;

    ApiKeyFilter(ApiKeys keys, RateLimits limits, ProblemWriter problems, MediaLibrary media, ApiSettings settings) {
        this.keys = keys;
        this.limits = limits;
        this.problems = problems;
        this.media = media;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ApiSecurity.isPublic(path(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiKey> found = bearer(request).flatMap(keys::authenticate);
        if (found.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            problems.write(response, ProblemWriter.of(401, "Authorization",
                    "Send a live API key as 'Authorization: Bearer sb_…'; admins create keys under API keys."));
            return;
        }
        ApiKey key = found.get();
        ConsumptionProbe probe = limits.take(key);
        response.setHeader("RateLimit-Limit", String.valueOf(key.requestsPerMinute()));
        response.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            response.setHeader("Retry-After", String.valueOf(seconds));
            problems.write(response, ProblemWriter.of(429, "", "The key " + key.name() + " may make "
                    + key.requestsPerMinute() + " calls a minute; try again in " + seconds + " s."));
            return;
        }
        try {
            ApiScope needed = needed(request);
            if (!key.scope().includes(needed)) {
                problems.write(response, ProblemWriter.of(403, "", "The key " + key.name() + " has the "
                        + key.scope().label() + " scope; " + request.getMethod() + " " + path(request) + " needs "
                        + needed.label() + ". An admin can create a key with that scope."));
                return;
            }
            if (!bodyAcceptable(request, response)) {
                return;
            }
            var authorities = List.of(new SimpleGrantedAuthority(key.scope().role().authority()),
                    new SimpleGrantedAuthority("SCOPE_" + key.scope().name().toLowerCase(Locale.ROOT)));
            var authentication = UsernamePasswordAuthenticationToken.authenticated(new ApiCaller(key), null, authorities);
            SecurityContextHolder.getContext().setAuthentication(authentication);
            chain.doFilter(request, response);
        } finally {
            keys.recordCall(key, request.getMethod(), path(request), response.getStatus());
        }
    }

    private static ApiScope needed(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> ApiScope.READ;
            default -> ApiSecurity.isAdminOnly(path(request)) ? ApiScope.ADMIN : ApiScope.PUBLISH;
        };
    }

    /** Multipart is never taken (uploads are the raw bytes); a body must declare a length within its limit. */
    private boolean bodyAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            problems.write(response, ProblemWriter.of(415, "Content-Type",
                    "Send JSON, or an upload's bytes as application/octet-stream; multipart bodies are not taken."));
            return false;
        }
        long length = request.getContentLengthLong();
        boolean upload = "POST".equals(request.getMethod()) && UPLOAD.equals(path(request));
        long limit = upload ? media.maxUploadBytes() : settings.maxJsonBody().toBytes();
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            problems.write(response, ProblemWriter.of(411, "Content-Length",
                    "Send the body with a Content-Length header (at most " + limit + " bytes)."));
            return false;
        }
        if (length > limit) {
            problems.write(response, ProblemWriter.of(413, "Content-Length",
                    "The body has " + length + " bytes; this call takes at most " + limit + "."));
            return false;
        }
        return true;
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}

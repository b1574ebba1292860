package io.switchboard.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The absolute session lifetime, beside the idle timeout: a session signed in longer ago than the lifetime ends,
 * however busy it was, and the browser goes to the login page (an htmx request is told to send it there).
 */
class SessionLifetime extends OncePerRequestFilter {
    /** When the session signed in, epoch milliseconds. */
    static final String SIGNED_IN_AT = "switchboard.signedInAt";
    private final Duration lifetime;
    private final Clock clock;

    SessionLifetime(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session == null || authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        if (!(session.getAttribute(SIGNED_IN_AT) instanceof Long signedInAt)) {
            session.setAttribute(SIGNED_IN_AT, now);
        } else if (now - signedInAt > lifetime.toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            String login = request.getContextPath() + "/login?expired";
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", login);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(login);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** Stamps a new sign-in (called by the form login's success handler). */
    static void signedIn(HttpServletRequest request, Clock clock) {
        request.getSession().setAttribute(SIGNED_IN_AT, clock.millis());
    }
}

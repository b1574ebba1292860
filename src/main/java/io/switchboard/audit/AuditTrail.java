package io.switchboard.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.function.Consumer;

/**
 * The audit trail: modules record what an operator's action changed; ADMINs read it. The actor is the operator
 * signed in for the current request ("system" outside one) and the source the client's address. A record made
 * inside a web request marks that request as recorded, so the request itself is not recorded a second time.
 */
@Service
public class AuditTrail {
    static final String RECORDED = AuditTrail.class.getName() + ".recorded";
    private final AuditEvents events;

    AuditTrail(AuditEvents events) {
        this.events = events;
    }

    /** Records an action of the operator of the current request. */
    public void record(AuditRecord record) {
        HttpServletRequest request = currentRequest();
        if (request != null) {
            request.setAttribute(RECORDED, Boolean.TRUE);
        }
        events.append(actor(), request == null ? "system" : request.getRemoteAddr(), record);
    }

    /** Records an action of someone not signed in yet (a sign-in) or not an operator (a client's review link). */
    public void record(String actor, String source, AuditRecord record) {
        HttpServletRequest request = currentRequest();
        if (request != null) {
            request.setAttribute(RECORDED, Boolean.TRUE);
        }
        events.append(actor, source, record);
    }

    /** A page of entries, newest first, with ids below {@code before} (keyset paging), at most {@code limit}. */
    public List<AuditEntry> page(AuditFilter filter, @Nullable Long before, int limit) {
        return events.page(filter, before, Math.clamp(limit, 1, 500));
    }

    /** Every entry of the filter, newest first, at most {@code cap}. */
    public void each(AuditFilter filter, int cap, Consumer<AuditEntry> consumer) {
        events.each(filter, cap, consumer);
    }

    static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return "system";
        }
        return authentication.getName();
    }

    static @Nullable HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}

package io.switchboard.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides about a multipart body before anything reads it. Tomcat parses (and spools to disk) a multipart body as
 * soon as anyone asks for a request parameter, and the CSRF filter does, before authorization. So this filter,
 * which runs first, lets a multipart request through only to the forms that take one, only from an operator who
 * may post them, and for the imports only when the declared length is within their limit; everything else is
 * answered at once, its body unread.
 */
class MultipartGuard extends OncePerRequestFilter {
    /** An import file may have 5 MB; the rest of its form (boundaries, the pasted field, the token) far less. */
    static final long IMPORT_REQUEST_BYTES = 5L * 1024 * 1024 + 64 * 1024;
    /** Paths that take multipart bodies, and the longest body each may declare (-1: the container's limit). */
    private static final Map<String, Long> TAKERS = Map.of(
            "/accounts/import", IMPORT_REQUEST_BYTES,
            "/proxies/import", IMPORT_REQUEST_BYTES,
            "/media/upload", -1L);
    private static final Set<String> MAY_POST = Set.of(Role.ADMIN.authority(), Role.OPERATOR.authority());
    /** A refused body this small is read to its end first, so the browser sees the answer, not a reset. */
    private static final long DRAIN_BYTES = 16L * 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        Long limit = TAKERS.get(request.getRequestURI().substring(request.getContextPath().length()));
        if (limit == null || !"POST".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        if (authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(MAY_POST::contains)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        long length = request.getContentLengthLong();
        if (limit >= 0 && (length < 0 || length > limit)) {
            drain(request, length);
            response.sendError(length < 0 ? HttpServletResponse.SC_LENGTH_REQUIRED
                    : HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException failed) {
            // the container's own limit (the upload limit): whoever first asked for a parameter made it parse
            if (!tooLarge(failed) || response.isCommitted()) {
                throw failed;
            }
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        }
    }

    private static boolean tooLarge(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof SizeException) {
                return true;
            }
        }
        return false;
    }

    /** Reads (and drops) a moderately sized body of an operator's refused upload, writing nothing anywhere. */
    private static void drain(HttpServletRequest request, long length) throws IOException {
        if (length < 0 || length > DRAIN_BYTES) {
            return;
        }
        try (InputStream body = request.getInputStream()) {
            body.skipNBytes(length);
        } catch (java.io.EOFException e) {
            // the client sent less than it declared: nothing more to read
        }
    }
}

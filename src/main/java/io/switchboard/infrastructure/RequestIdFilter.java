package io.switchboard.infrastructure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is sane, a new one otherwise. It is in
 * every log line written while serving the request and in the response header, so an operator's report can
 * be matched to the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the error page's dispatch keeps the id of the request that failed
        String id = request.getAttribute(ATTRIBUTE) instanceof String kept ? kept : newId(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted() || request.getDispatcherType() == DispatcherType.ERROR) {
                throw e;
            }
            // logged here, with the id, instead of by the container after the id is gone; the error page follows
            log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static String newId(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches()
                ? incoming : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}

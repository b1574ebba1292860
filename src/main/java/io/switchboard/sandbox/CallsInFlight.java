package io.switchboard.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Graph calls this instance's sandbox is serving right now, by call (the {@link GraphController} method:
 * {@code publish} for media_publish, {@code comment} for a comment, …), counted from the moment a request reaches
 * its handler until its answer is complete, so through the injected latency. A caller that dies meanwhile does not
 * stop the call, as on the real platform: this is how a test knows that it kills a publisher with its call in
 * flight. The sandbox keeps the count itself because its requests run on virtual threads, which no thread dump of
 * {@link Thread#getAllStackTraces()} lists.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxEnabled.class)
class CallsInFlight implements WebMvcConfigurer, HandlerInterceptor {
    private static final String CALL = CallsInFlight.class.getName() + ".call";
    private final Map<String, AtomicInteger> serving = new ConcurrentHashMap<>();

    /** How many calls of {@code call} this instance is serving now. */
    int serving(String call) {
        AtomicInteger count = serving.get(call);
        return count == null ? 0 : count.get();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/sandbox/graph/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType() == GraphController.class) {
            String call = method.getMethod().getName();
            request.setAttribute(CALL, call);
            serving.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                @Nullable Exception failure) {
        if (request.getAttribute(CALL) instanceof String call) {
            serving.get(call).decrementAndGet();
        }
    }
}

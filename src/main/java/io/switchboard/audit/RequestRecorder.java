package io.switchboard.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Records every operator command answered as done (a redirect after the post) that no module recorded in more
 * detail: the object from the path ({@code POST /campaigns/12/pause} is {@code campaign.pause} on campaign 12) and
 * the fields sent, without secrets (passwords, tokens, secrets, keys, codes) and capped in number and length.
 * A command answered with its mistakes, a confirmation or a refusal (a redirect carrying a problem) changed nothing
 * and is not recorded.
 */
@Configuration(proxyBeanMethods = false)
class RequestRecorder implements WebMvcConfigurer, HandlerInterceptor {
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> NOT_FIELDS = Set.of("_csrf", "confirmed");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final int MAX_FIELDS = 20;
    private static final int MAX_LENGTH = 200;
    private final AuditTrail trail;

    RequestRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/sandbox/graph/**", "/login", "/error");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                @Nullable Exception failure) {
        int status = response.getStatus();
        if (!CHANGING.contains(request.getMethod()) || failure != null || status < 300 || status >= 400
                || request.getAttribute(AuditTrail.RECORDED) != null || AuditTrail.actor().equals("system")
                || RequestContextUtils.getOutputFlashMap(request).containsKey("problem")) {
            return;
        }
        trail.record(describe(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()),
                request.getParameterMap()));
    }

    static AuditRecord describe(String method, String path, Map<String, String[]> parameters) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isBlank()).toList();
        int id = -1;
        for (int i = parts.size() - 1; i > 0; i--) {
            if (NUMBER.matcher(parts.get(i)).matches()) {
                id = i;
                break;
            }
        }
        String type = singular(id > 0 ? parts.get(id - 1) : parts.isEmpty() ? "page" : parts.getFirst());
        List<String> verb = id > 0 ? parts.subList(id + 1, parts.size()) : parts.subList(Math.min(1, parts.size()), parts.size());
        String action = type + "." + (verb.isEmpty() ? (id > 0 ? "update" : "create") : String.join(".", verb));
        AuditRecord record = AuditRecord.of(action, type, id > 0 ? parts.get(id) : null).detail(method + " " + path);
        int fields = 0;
        for (var parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (NOT_FIELDS.contains(name) || AuditRecord.SECRET.matcher(name).matches()) {
                continue;
            }
            if (++fields > MAX_FIELDS) {
                break;
            }
            String value = String.join(", ", parameter.getValue());
            record = record.change(name, null, value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) + "…" : value);
        }
        return record;
    }

    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        if (plural.endsWith("ses") || plural.endsWith("xes")) {
            return plural.substring(0, plural.length() - 2);
        }
        return plural.endsWith("s") && !plural.endsWith("ss") ? plural.substring(0, plural.length() - 1) : plural;
    }
}

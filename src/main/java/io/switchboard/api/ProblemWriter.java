package io.switchboard.api;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details, built the same way for the filter (before any controller) and the advice. */
@Component
class ProblemWriter {
    static final String MEDIA_TYPE = "application/problem+json";
    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** A problem whose {@code field} (and {@code errors[]}) name what is wrong; "" when it is no one field. */
    static ProblemDetail of(int status, String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        if (!errors.isEmpty()) {
            String field = errors.getFirst().getOrDefault("field", "");
            if (!field.isEmpty()) {
                problem.setProperty("field", field);
            }
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    static ProblemDetail of(int status, String field, String detail) {
        return of(status, detail, field.isEmpty() ? List.of() : List.of(Map.of("field", field, "message", detail)));
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}

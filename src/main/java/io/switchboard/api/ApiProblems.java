package io.switchboard.api;

import io.switchboard.infrastructure.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error of the API as RFC 9457 problem details: {@code detail} says what is wrong and what to do, {@code field}
 * (and {@code errors[]}, one per mistake) name the JSON field, parameter or header that is wrong. A module's refusal
 * about a field is 422; one about the object's state (pause a finished campaign) is 409.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> api(ApiProblem problem) {
        return answer(ProblemWriter.of(problem.status(), problem.getMessage(), problem.errors()));
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> module(Problem problem) {
        int status = problem.all().stream().allMatch(p -> p.field().isEmpty()) ? 409 : 422;
        return answer(ProblemWriter.of(status, problem.getMessage(), errors(problem)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException jackson) {
            String field = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String why = jackson.getCause() instanceof IllegalArgumentException rule ? rule.getMessage()
                    : jackson.getOriginalMessage();
            String detail = field.isEmpty() ? "The body is not the JSON this call takes: " + why
                    : "The field " + field + " is wrong: " + why;
            return answer(ProblemWriter.of(400, field, detail));
        }
        return answer(ProblemWriter.of(400, "", "Send a JSON body, as the OpenAPI document describes."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return answer(ProblemWriter.of(400, e.getName(), "The parameter " + e.getName() + " cannot be '"
                + e.getValue() + "'" + (e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? ": use one of " + List.of(e.getRequiredType().getEnumConstants()) : "") + "."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return answer(ProblemWriter.of(400, e.getParameterName(), "Give the parameter " + e.getParameterName() + "."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return answer(ProblemWriter.of(400, e.getHeaderName(), "Send the header " + e.getHeaderName() + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(ProblemWriter.of(415, "Content-Type", "Send this call's body as one of "
                + e.getSupportedMediaTypes() + "."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return answer(ProblemWriter.of(405, "", "This resource takes " + e.getSupportedHttpMethods() + "."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return answer(ProblemWriter.of(403, "", "This key's scope does not allow that call."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("API call failed", e);
        return answer(ProblemWriter.of(500, "", "Something went wrong on our side; the log has the details. "
                + "Try again, with the same Idempotency-Key for a POST."));
    }

    private static List<Map<String, String>> errors(Problem problem) {
        return problem.all().stream().filter(p -> !p.field().isEmpty())
                .map(p -> Map.of("field", p.field(), "message", p.getMessage())).toList();
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header("Content-Type", ProblemWriter.MEDIA_TYPE).body(problem);
    }
}

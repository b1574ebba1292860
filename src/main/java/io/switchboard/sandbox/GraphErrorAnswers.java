package io.switchboard.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Sandbox errors in Meta's shape: {@code {"error": {message, type, code, error_subcode, …}}}. */
@RestControllerAdvice(assignableTypes = GraphController.class)
@Conditional(SandboxEnabled.class)
class GraphErrorAnswers {
    private static final Logger log = LoggerFactory.getLogger(GraphErrorAnswers.class);

    @ExceptionHandler(GraphFault.class)
    ResponseEntity<Map<String, Object>> fault(GraphFault fault) {
        return answer(fault);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        String name = e instanceof MissingServletRequestParameterException missing ? missing.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return answer(GraphFault.invalidParameter("The parameter " + name + " is required and must be valid"));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
        log.warn("Sandbox call failed unexpectedly: {}", e.toString());
        return answer(GraphFault.of(FaultCatalog.entry(2, null)));
    }

    private static ResponseEntity<Map<String, Object>> answer(GraphFault fault) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", fault.getMessage());
        error.put("type", fault.type());
        error.put("code", fault.code());
        if (fault.subcode() != null) {
            error.put("error_subcode", fault.subcode());
        }
        error.put("is_transient", fault.isTransient());
        FaultCatalog.find(fault.code(), fault.subcode()).ifPresent(entry ->
                error.put("error_user_title", entry.meaning()));
        error.put("fbtrace_id", "SB" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        return ResponseEntity.status(HttpStatus.valueOf(fault.httpStatus())).body(Map.of("error", error));
    }
}

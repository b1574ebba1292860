package io.switchboard.sandbox;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/**
 * The TikTok sandbox's errors in TikTok's shape: {@code {"data":{}, "error":{code, message, log_id}}}; Login Kit's
 * token endpoint answers OAuth's flat {@code {error, error_description, log_id}}.
 */
@RestControllerAdvice(assignableTypes = TikTokController.class)
@Conditional(SandboxEnabled.class)
class TikTokErrorAnswers {

    @ExceptionHandler(TikTokFault.class)
    ResponseEntity<Map<String, Object>> fault(TikTokFault fault) {
        if (fault.code().startsWith("invalid_grant") || fault.code().equals("invalid_client")) {
            return ResponseEntity.status(fault.httpStatus()).body(Map.of("error", fault.code(),
                    "error_description", fault.getMessage(), "log_id", TikTokController.logId()));
        }
        return ResponseEntity.status(fault.httpStatus()).body(Map.of("data", Map.of(), "error", Map.of(
                "code", fault.code(), "message", fault.getMessage(), "log_id", TikTokController.logId())));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class})
    ResponseEntity<Map<String, Object>> badRequest(Exception e) {
        return fault(new TikTokFault("invalid_params", 400, e.getMessage()));
    }
}

package io.switchboard.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A command refused by method security renders the same 403 page as one refused by the URL rules. */
@ControllerAdvice
class AccessDeniedHandling {

    @ExceptionHandler(AuthorizationDeniedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "error/403";
    }
}

package io.switchboard.api;

import io.switchboard.infrastructure.Problem;

import java.util.List;
import java.util.Map;

/** A call refused by the API itself, with its HTTP status and the parameter or field that is wrong. */
class ApiProblem extends Problem {
    private final int status;

    ApiProblem(int status, String field, String message) {
        super(field, message);
        this.status = status;
    }

    /** Each mistake as {@code {field, message}} (a mistake about no one field has only its message). */
    List<Map<String, String>> errors() {
        return field().isEmpty() ? List.of() : List.of(Map.of("field", field(), "message", getMessage()));
    }

    int status() {
        return status;
    }

    static ApiProblem notFound(String what, long id) {
        return new ApiProblem(404, "", "There is no " + what + " " + id + ".");
    }
}

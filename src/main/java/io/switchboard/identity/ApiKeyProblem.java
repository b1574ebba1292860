package io.switchboard.identity;

import io.switchboard.infrastructure.Problem;

/** An API key command that cannot be carried out as asked; {@link #field()} names the form field. */
public class ApiKeyProblem extends Problem {
    public ApiKeyProblem(String field, String message) {
        super(field, message);
    }
}

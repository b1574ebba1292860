package io.switchboard.identity;

import io.switchboard.infrastructure.Problem;

/**
 * A command on operators that cannot be carried out as asked; the message says why and what to do, and
 * {@link #field()} names the form field it concerns ("" when it concerns none).
 */
public class OperatorProblem extends Problem {
    public OperatorProblem(String field, String message) {
        super(field, message);
    }
}

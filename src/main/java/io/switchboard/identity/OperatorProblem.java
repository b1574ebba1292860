package io.switchboard.identity;

/**
 * A command on operators that cannot be carried out as asked; the message says why and what to do, and
 * {@link #field()} names the form field it concerns ("" when it concerns none).
 */
public class OperatorProblem extends RuntimeException {
    private final String field;

    public OperatorProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

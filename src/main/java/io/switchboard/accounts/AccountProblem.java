package io.switchboard.accounts;

/**
 * A command on accounts was refused; the message says what to do. {@code field} names the form field it is
 * about, or is empty.
 */
public class AccountProblem extends RuntimeException {
    private final String field;

    public AccountProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package io.switchboard.accounts;

import io.switchboard.infrastructure.Problem;

import java.util.List;

/**
 * A command on accounts was refused; the message says what to do. {@code field} names the form field it is
 * about, or is empty.
 */
public class AccountProblem extends Problem {
    public AccountProblem(String field, String message) {
        super(field, message);
    }

    /** Every mistake found at once (see {@link Problem#all()}). */
    public AccountProblem(List<AccountProblem> all) {
        super(all);
    }
}

package io.switchboard.infrastructure;

import java.util.List;

/**
 * A command refused with a sentence for the operator: what is wrong and what to do. {@link #field()} names the form
 * field it is about ("" when it concerns the whole form); {@link #all()} holds every mistake found when a command
 * checked all its fields, so a form can show each one beside its field.
 */
public abstract class Problem extends RuntimeException {
    private final String field;
    private final List<Problem> all;

    protected Problem(String field, String message) {
        super(message);
        this.field = field;
        this.all = List.of(this);
    }

    /** Every mistake of {@code problems} (at least one); the first gives the message and field. */
    protected Problem(List<? extends Problem> problems) {
        super(problems.getFirst().getMessage());
        this.field = problems.getFirst().field();
        this.all = List.copyOf(problems);
    }

    public String field() {
        return field;
    }

    /** Every mistake found, this one first. */
    public List<Problem> all() {
        return all;
    }
}

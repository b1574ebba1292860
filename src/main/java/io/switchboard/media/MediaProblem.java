package io.switchboard.media;

/**
 * A media command that cannot be carried out as asked (no such item, not ready, still scheduled, bad input).
 * The message says what happened and what to do, and {@link #field()} names the form field it concerns ("" when
 * it concerns none).
 */
public class MediaProblem extends RuntimeException {
    private final String field;

    public MediaProblem(String message) {
        this("", message);
    }

    public MediaProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package io.switchboard.media;

import io.switchboard.infrastructure.Problem;

import java.util.List;

/**
 * A media command that cannot be carried out as asked (no such item, not ready, still scheduled, bad input).
 * The message says what happened and what to do, and {@link #field()} names the form field it concerns ("" when
 * it concerns none).
 */
public class MediaProblem extends Problem {
    public MediaProblem(String message) {
        this("", message);
    }

    public MediaProblem(String field, String message) {
        super(field, message);
    }

    /** Every mistake found at once (see {@link Problem#all()}). */
    public MediaProblem(List<MediaProblem> all) {
        super(all);
    }
}

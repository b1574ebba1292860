package io.switchboard.notifications;

import io.switchboard.infrastructure.Problem;

/** A webhook command refused; {@link #field()} names the form field. */
public class WebhookProblem extends Problem {
    public WebhookProblem(String field, String message) {
        super(field, message);
    }
}

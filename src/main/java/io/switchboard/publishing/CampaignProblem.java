package io.switchboard.publishing;

import io.switchboard.infrastructure.Problem;

/** A command on campaigns that cannot be carried out as asked; the message says why and what to do. */
public class CampaignProblem extends Problem {
    public CampaignProblem(String message) {
        super("", message);
    }

    /** A refusal about one field of the command ("at", "caption"), shown beside it. */
    public CampaignProblem(String field, String message) {
        super(field, message);
    }
}

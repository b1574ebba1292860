package io.switchboard.publishing;

import io.switchboard.infrastructure.Problem;

import java.util.List;

/** A command on campaigns that cannot be carried out as asked; the message says why and what to do. */
public class CampaignProblem extends Problem {
    private final List<String> blockers;

    public CampaignProblem(String message) {
        this("", message);
    }

    /** A refusal about one field of the command ("at", "caption"), shown beside it. */
    public CampaignProblem(String field, String message) {
        super(field, message);
        this.blockers = List.of();
    }

    /** A launch refused for its plan: the message names the first blocker, {@code blockers} every one of them. */
    CampaignProblem(String message, List<String> blockers) {
        super("", message);
        this.blockers = List.copyOf(blockers);
    }

    /** Every blocker of the plan when a launch was refused for them, in the order found; empty otherwise. */
    public List<String> blockers() {
        return blockers;
    }
}

package io.switchboard.publishing;

/** A command on campaigns that cannot be carried out as asked; the message says why and what to do. */
public class CampaignProblem extends RuntimeException {
    public CampaignProblem(String message) {
        super(message);
    }
}

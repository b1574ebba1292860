package io.switchboard.notifications;

import io.switchboard.identity.Operator;
import io.switchboard.identity.Operators;
import io.switchboard.identity.Role;
import io.switchboard.publishing.CampaignApprovalDecided;
import io.switchboard.publishing.CampaignApprovalRequested;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reviews asked of operators (everyone who may approve, but the author) and decisions on an author's campaign.
 */
@Component
class ApprovalNotices {
    private final Notifications notifications;
    private final Operators operators;

    ApprovalNotices(Notifications notifications, Operators operators) {
        this.notifications = notifications;
        this.operators = operators;
    }

    @ApplicationModuleListener
    void on(CampaignApprovalRequested requested) {
        List<String> reviewers = operators.all().stream().filter(Operator::enabled)
                .filter(o -> o.role() == Role.ADMIN || o.role() == Role.OPERATOR)
                .map(Operator::username).filter(name -> !name.equals(requested.author())).toList();
        notifications.tell(reviewers, "Review asked: “" + requested.name() + "” by " + requested.author()
                + " waits for approval.", "/campaigns/" + requested.campaignId() + "#approval");
    }

    @ApplicationModuleListener
    void on(CampaignApprovalDecided decided) {
        String text = decided.approved()
                ? "“" + decided.name() + "” was approved by " + decided.decidedBy() + "."
                : "Changes asked on “" + decided.name() + "” by " + decided.decidedBy() + ": " + decided.comment();
        notifications.tell(List.of(decided.author()), text, "/campaigns/" + decided.campaignId() + "#approval");
    }
}

package io.switchboard.publishing;

import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.tasks.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Approvals: a campaign that needs one waits in review with its posts planned and nothing submitted to the task
 * engine. Any OPERATOR or ADMIN may approve or ask for changes (with four-eyes on, never the campaign's author); a
 * client may do the same through a review link. Approval submits every post's publish task at its time; asking for
 * changes lets the author edit posts and submit the campaign again. Editing a post of an approved campaign none of
 * whose posts has begun sends it back to review (its tasks are withdrawn).
 */
@Service
public class Approvals {
    static final int MAX_COMMENT = 2000;
    private final CampaignRepository campaigns;
    private final PostRepository posts;
    private final CampaignComments comments;
    private final Tasks tasks;
    private final ApprovalSettings settings;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Approvals(CampaignRepository campaigns, PostRepository posts, CampaignComments comments, Tasks tasks,
              ApprovalSettings settings, AuditTrail audit, ApplicationEventPublisher events,
              ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.campaigns = campaigns;
        this.posts = posts;
        this.comments = comments;
        this.tasks = tasks;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
    }

    /** The comments on the campaign and on each of its posts, oldest first. */
    public List<CampaignComment> comments(long campaignId) {
        return comments.of(campaignId);
    }

    /** The comments on one post, oldest first. */
    public List<CampaignComment> commentsOnPost(long campaignId, long postId) {
        return comments.onPost(campaignId, postId);
    }

    /** Where the campaign's approval stands, in words: in review, changes requested, approved, or withdrawn. */
    public String state(Campaign campaign) {
        return switch (campaign.status()) {
            case IN_REVIEW, CHANGES_REQUESTED -> campaign.status().label();
            default -> comments.of(campaign.id()).stream().anyMatch(c -> "approved".equals(c.decision()))
                    ? "approved" : "withdrawn before approval";
        };
    }

    public boolean fourEyes() {
        return settings.fourEyes();
    }

    /** Whether this operator may decide on the campaign now (it is in review, and four-eyes lets them). */
    public boolean mayDecide(Campaign campaign, String operator) {
        return campaign.status() == CampaignStatus.IN_REVIEW && !(settings.fourEyes() && campaign.createdBy().equals(operator));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void approve(long campaignId, String comment) {
        Campaign campaign = inReview(campaignId);
        String me = operator();
        if (settings.fourEyes() && campaign.createdBy().equals(me)) {
            throw new CampaignProblem("comment", "You made this campaign: someone else must approve it (four-eyes "
                    + "approval is on).");
        }
        decideApproved(campaign, me, null, comment);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void requestChanges(long campaignId, String comment) {
        decideChanges(inReview(campaignId), operator(), null, comment);
    }

    /** The author sends the campaign, changed, for review again. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void submitAgain(long campaignId, String comment) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new CampaignProblem("No campaign " + campaignId + "."));
        if (!campaigns.transition(campaignId, List.of(CampaignStatus.CHANGES_REQUESTED), CampaignStatus.IN_REVIEW)) {
            throw new CampaignProblem("Only a campaign with changes requested can be sent for review again.");
        }
        comments.add(campaignId, null, operator(), "submitted", text(comment, false));
        audit.record(AuditRecord.of("campaign.submitted", "campaign", campaignId).target(campaign.name())
                .change("status", CampaignStatus.CHANGES_REQUESTED.label(), CampaignStatus.IN_REVIEW.label()));
        events.publishEvent(new CampaignApprovalRequested(campaignId, campaign.name(), campaign.createdBy(),
                clock.instant()));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void comment(long campaignId, @Nullable Long postId, String comment) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new CampaignProblem("No campaign " + campaignId + "."));
        comments.add(campaignId, postId, operator(), null, text(comment, true));
        audit.record(AuditRecord.of("campaign.commented", "campaign", campaignId).target(campaign.name())
                .change("comment", null, comment.strip()));
    }

    /** A client's decision through a review link (no sign-in; the link was checked by {@link ReviewLinks}). */
    @Transactional
    void decideAsClient(long campaignId, String client, String source, boolean approve, String comment) {
        Campaign campaign = inReview(campaignId);
        if (approve) {
            decideApproved(campaign, client, source, comment);
        } else {
            decideChanges(campaign, client, source, comment);
        }
    }

    /** After an edit of one of its posts: an approved campaign none of whose posts has begun is reviewed again. */
    void reviewAgainAfterEdit(Campaign campaign) {
        if (!campaign.approvalRequired() || campaign.status() != CampaignStatus.RUNNING || posts.anyBegun(campaign.id())) {
            return;
        }
        tasks.cancelGroup(campaign.group());
        campaigns.transition(campaign.id(), List.of(CampaignStatus.RUNNING), CampaignStatus.IN_REVIEW);
        comments.add(campaign.id(), null, operator(), "submitted", "A post was edited after approval: review it again.");
        events.publishEvent(new CampaignApprovalRequested(campaign.id(), campaign.name(), campaign.createdBy(),
                clock.instant()));
    }

    private void decideApproved(Campaign campaign, String by, @Nullable String source, String comment) {
        if (!campaigns.decide(campaign.id(), CampaignStatus.IN_REVIEW, CampaignStatus.RUNNING, by)) {
            throw new CampaignProblem("It is no longer in review: someone decided a moment ago. The page shows where it is.");
        }
        // in batches, like the launch: a campaign of 200,000 posts is never in memory whole
        posts.inChunks(campaign.id(), true, Campaigns.LAUNCH_BATCH,
                batch -> tasks.submitAll(batch.stream().map(PublishPost::request).toList()));
        comments.add(campaign.id(), null, by, "approved", text(comment, false));
        record(by, source, AuditRecord.of("campaign.approved", "campaign", campaign.id()).target(campaign.name())
                .change("status", CampaignStatus.IN_REVIEW.label(), "approved")
                .change("comment", null, comment.isBlank() ? null : comment.strip()));
        events.publishEvent(new CampaignApprovalDecided(campaign.id(), campaign.name(), campaign.createdBy(), true, by,
                comment.strip(), clock.instant()));
    }

    private void decideChanges(Campaign campaign, String by, @Nullable String source, String comment) {
        String body = text(comment, true);
        if (!campaigns.decide(campaign.id(), CampaignStatus.IN_REVIEW, CampaignStatus.CHANGES_REQUESTED, by)) {
            throw new CampaignProblem("It is no longer in review: someone decided a moment ago. The page shows where it is.");
        }
        comments.add(campaign.id(), null, by, "changes_requested", body);
        record(by, source, AuditRecord.of("campaign.changes_requested", "campaign", campaign.id()).target(campaign.name())
                .change("status", CampaignStatus.IN_REVIEW.label(), CampaignStatus.CHANGES_REQUESTED.label())
                .change("comment", null, body));
        events.publishEvent(new CampaignApprovalDecided(campaign.id(), campaign.name(), campaign.createdBy(), false, by, body,
                clock.instant()));
    }

    private void record(String by, @Nullable String source, AuditRecord record) {
        if (source == null) {
            audit.record(record);
        } else {
            audit.record(by, source, record);
        }
    }

    private Campaign inReview(long campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new CampaignProblem("No campaign " + campaignId + "."));
        if (campaign.status() != CampaignStatus.IN_REVIEW) {
            throw new CampaignProblem("It is not in review (it is " + campaign.status().label() + "): nothing to decide.");
        }
        return campaign;
    }

    private static String text(String comment, boolean required) {
        String body = comment.strip();
        if (required && body.isEmpty()) {
            throw new CampaignProblem("comment", "Say what should change, so the author knows what to do.");
        }
        if (body.length() > MAX_COMMENT) {
            throw new CampaignProblem("comment", "Shorten the comment to at most " + MAX_COMMENT + " characters.");
        }
        return body;
    }

    private static String operator() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}

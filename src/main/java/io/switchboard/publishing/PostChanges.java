package io.switchboard.publishing;

import io.switchboard.accounts.Account;
import io.switchboard.accounts.Accounts;
import io.switchboard.audit.AuditRecord;
import io.switchboard.audit.AuditTrail;
import io.switchboard.infrastructure.Moments;
import io.switchboard.tasks.Tasks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to one post before it goes out: a new time (dragged on the calendar or typed) and a new caption, each
 * checked like the plan (the daily window, the daily maximum and the spacing with every other post of the account,
 * the publishing quota; the caption's length, hashtags and mentions) and refused with the reason.
 * <p>
 * Never twice, never at the old time: a change happens only while the post's publish has not begun, decided in one
 * transaction that first moves its waiting publish task (a row lock a claim on another instance skips; a task
 * already claimed is not waiting, so nothing moves) and then changes the post only while no container or publish
 * request is recorded for it. Either both happen or neither.
 */
@Service
public class PostChanges {
    static final int MAX_COPIES = 100;
    private final PostRepository posts;
    private final CampaignRepository campaigns;
    private final PostWaits waits;
    private final Accounts accounts;
    private final PublishingSettings settings;
    private final Tasks tasks;
    private final AuditTrail audit;
    private final Approvals approvals;
    private final Clock clock;

    PostChanges(PostRepository posts, CampaignRepository campaigns, PostWaits waits, Accounts accounts,
                PublishingSettings settings, Tasks tasks, AuditTrail audit, Approvals approvals,
                ObjectProvider<Clock> clock) {
        this.approvals = approvals;
        this.posts = posts;
        this.campaigns = campaigns;
        this.waits = waits;
        this.accounts = accounts;
        this.settings = settings;
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Moves the post to {@code at}, or refuses with the reason (a {@link CampaignProblem} on the field "at"). */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignPost move(long postId, Instant at) {
        CampaignPost post = changeable(postId);
        Instant now = clock.instant();
        checkTime(post, at, now);
        Campaign campaign = campaigns.find(post.campaignId()).orElseThrow();
        if (!withoutTask(campaign) && !tasks.reschedule(PublishPost.uniqueKey(postId), at)) {
            throw beganMeanwhile();
        }
        if (!posts.moveIfNotBegun(postId, at.atOffset(ZoneOffset.UTC))) {
            throw beganMeanwhile();
        }
        approvals.reviewAgainAfterEdit(campaign);
        audit.record(AuditRecord.of("post.moved", "post", postId).target(target(post))
                .change("scheduled_at", post.scheduledAt().toInstant(), at));
        return posts.find(postId).orElseThrow();
    }

    /** Changes the caption and the time, each re-checked; nothing is changed when either is refused. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignPost edit(long postId, String caption, Instant at) {
        CampaignPost post = changeable(postId);
        List<Plan.Problem> problems = new ArrayList<>();
        Captions.check(caption, post.number(), problems);
        if (caption.isBlank() && !caption.equals(post.caption())) {
            problems.add(Plan.Problem.forPost(post.number(), "Write a caption, or keep the one it had."));
        }
        if (!problems.isEmpty()) {
            throw new CampaignProblem("caption", problems.getFirst().message().replaceFirst("^Post \\d+: ", ""));
        }
        if (!at.equals(post.scheduledAt().toInstant())) {
            checkTime(post, at, clock.instant());
        }
        Campaign campaign = campaigns.find(post.campaignId()).orElseThrow();
        if ((!withoutTask(campaign) && !tasks.reschedule(PublishPost.uniqueKey(postId), at))
                || !posts.editIfNotBegun(postId, caption.strip(), at.atOffset(ZoneOffset.UTC))) {
            throw beganMeanwhile();
        }
        approvals.reviewAgainAfterEdit(campaign);
        audit.record(AuditRecord.of("post.edited", "post", postId).target(target(post))
                .change("caption", post.caption(), caption.strip())
                .change("scheduled_at", post.scheduledAt().toInstant(), at));
        return posts.find(postId).orElseThrow();
    }

    /**
     * Copies the post (its media and caption) to other accounts in the same campaign, each at the earliest time at or
     * after the post's own that the account's plan allows (its window, daily maximum, spacing, quota); returns the
     * copies. A copy of a campaign in review waits for its approval like the rest.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<CampaignPost> duplicate(long postId, List<Long> accountIds) {
        CampaignPost post = posts.find(postId).orElseThrow(() -> new CampaignProblem("accounts", "No post " + postId + "."));
        Campaign campaign = campaigns.find(post.campaignId()).orElseThrow();
        if (campaign.status() == CampaignStatus.FINISHED || campaign.status() == CampaignStatus.CANCELLED) {
            throw new CampaignProblem("accounts", "Its campaign is " + campaign.status().label()
                    + ": launch a new campaign for these accounts instead.");
        }
        List<Long> targets = accountIds.stream().distinct().filter(id -> id != post.accountId()).toList();
        if (targets.isEmpty()) {
            throw new CampaignProblem("accounts", "Choose at least one other account to copy it to.");
        }
        if (targets.size() > MAX_COPIES) {
            throw new CampaignProblem("accounts", "Copy it to at most " + MAX_COPIES + " accounts at once.");
        }
        Instant now = clock.instant();
        Instant from = post.scheduledAt().toInstant().isBefore(now) ? now : post.scheduledAt().toInstant();
        int number = posts.lastNumber(campaign.id());
        List<Plan.Post> copies = new ArrayList<>();
        for (long accountId : targets) {
            Account account = accounts.find(accountId).orElseThrow(() -> new CampaignProblem("accounts",
                    "Account " + accountId + " is not in Switchboard any more."));
            Planner.Target target = new Planner.Target(account.id(), account.username(), account.username(),
                    account.timeZone(), settings.defaultQuota(), List.of());
            var busy = waits.busy(List.of(accountId), now).getOrDefault(accountId, List.of());
            BusySlots.Slot slot = new BusySlots(campaign.spec().schedule(), target, busy).check(from);
            copies.add(new Plan.Post(++number, accountId, post.mediaIds(), post.caption(), slot.at(), slot.waitsFor()));
        }
        List<Long> ids = posts.insert(campaign.id(), copies);
        if (!withoutTask(campaign)) {
            tasks.submitAll(posts.findAll(ids).stream().map(PublishPost::request).toList());
        }
        audit.record(AuditRecord.of("post.duplicated", "post", postId).target(target(post))
                .change("copies", null, ids.toString()).change("accounts", null, targets.toString()));
        return posts.findAll(ids);
    }

    /** Whether the post can still be moved or edited, and if not, why (for the calendar and the post page). */
    public static String whyFixed(CampaignPost post) {
        if (post.containerId() != null || post.publishRequestedAt() != null) {
            return "Its publish has begun (the platform holds it already): it cannot be moved or edited.";
        }
        return switch (post.status()) {
            case SCHEDULED, WAITING_QUOTA -> "";
            case PAUSED -> "It is held: fix what holds it (its page says what), then it goes out on its own.";
            case PROCESSING, PUBLISHING -> "Its publish has begun: it cannot be moved or edited.";
            case PUBLISHED -> "It was published.";
            case FAILED -> "It failed: retry it from its campaign instead.";
            case CANCELLED -> "It was cancelled.";
        };
    }

    private CampaignPost changeable(long postId) {
        CampaignPost post = posts.find(postId).orElseThrow(() -> new CampaignProblem("at", "No post " + postId + "."));
        String why = whyFixed(post);
        if (!why.isEmpty()) {
            throw new CampaignProblem("at", why);
        }
        return post;
    }

    private void checkTime(CampaignPost post, Instant at, Instant now) {
        if (at.isBefore(now)) {
            throw new CampaignProblem("at", "That time has passed (it is " + Moments.near(now, now)
                    + " now): choose a later one.");
        }
        Campaign campaign = campaigns.find(post.campaignId()).orElseThrow();
        Account account = accounts.find(post.accountId()).orElseThrow(() -> new CampaignProblem("at",
                "Its account was removed from Switchboard."));
        Planner.Target target = new Planner.Target(account.id(), account.username(), account.username(),
                account.timeZone(), settings.defaultQuota(), List.of());
        var busy = waits.busyExcept(account.id(), post.id(), now);
        BusySlots.Slot slot = new BusySlots(campaign.spec().schedule(), target, busy).check(at);
        if (!slot.at().equals(at)) {
            throw new CampaignProblem("at", "Not at " + Moments.near(at, now) + ": it would wait for " + slot.waitsFor()
                    + ". The earliest it can go out from then is " + Moments.near(slot.at(), now) + ".");
        }
    }

    /** A campaign waiting for approval has no publish tasks yet: its posts change alone. */
    private static boolean withoutTask(Campaign campaign) {
        return campaign.status() == CampaignStatus.IN_REVIEW || campaign.status() == CampaignStatus.CHANGES_REQUESTED;
    }

    private String target(CampaignPost post) {
        return campaigns.find(post.campaignId()).map(c -> "post " + post.number() + " of " + c.name()).orElse("post");
    }

    private static CampaignProblem beganMeanwhile() {
        return new CampaignProblem("at", "Its publish began a moment ago (on this or another instance): it can no "
                + "longer be moved or edited. The page shows where it is now.");
    }
}

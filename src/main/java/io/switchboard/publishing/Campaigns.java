package io.switchboard.publishing;

import io.switchboard.accounts.Accounts;
import io.switchboard.audit.AuditRecord;
import io.switchboard.infrastructure.Csv;
import io.switchboard.media.MediaLibrary;
import io.switchboard.tasks.TaskRequest;
import io.switchboard.tasks.Tasks;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static switchboard.jooq.Tables.CAMPAIGN_POST;

/**
 * Campaigns: preview (the plan and everything wrong with it), launch (all posts and their publish tasks in
 * one transaction), and the operators' commands on a running campaign.
 */
@Service
public class Campaigns {
    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final CampaignRepository campaigns;
    private final PostRepository posts;
    private final CampaignInputs inputs;
    private final Tasks tasks;
    private final MediaLibrary media;
    private final PostHolds holds;
    private final Accounts accounts;
    private final PostWaits waits;
    private final PublishingSettings settings;
    private final FirstComments firstComments;
    private final ApprovalSettings approvalSettings;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final java.time.Clock clock;
    private final SavedLocations locations;
    private final CampaignComments campaignComments;
    private final io.switchboard.audit.AuditTrail audit;
    private final CampaignDrafts drafts;
    private final PlanDrafts planDrafts;

    Campaigns(CampaignRepository campaigns, PostRepository posts, CampaignInputs inputs, Tasks tasks,
              MediaLibrary media, PostHolds holds, Accounts accounts, PostWaits waits, PublishingSettings settings,
              FirstComments firstComments, ApprovalSettings approvalSettings,
              org.springframework.context.ApplicationEventPublisher events, SavedLocations locations,
              CampaignComments campaignComments, io.switchboard.audit.AuditTrail audit, CampaignDrafts drafts,
              PlanDrafts planDrafts, org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        this.drafts = drafts;
        this.planDrafts = planDrafts;
        this.campaignComments = campaignComments;
        this.audit = audit;
        this.clock = clock.getIfAvailable(java.time.Clock::systemUTC);
        this.locations = locations;
        this.settings = settings;
        this.firstComments = firstComments;
        this.approvalSettings = approvalSettings;
        this.events = events;
        this.campaigns = campaigns;
        this.posts = posts;
        this.inputs = inputs;
        this.tasks = tasks;
        this.media = media;
        this.holds = holds;
        this.accounts = accounts;
        this.waits = waits;
    }

    /**
     * How many posts the campaign would have now, the first {@code first} of them and every problem found; nothing is
     * stored or sent, and no more than {@code first} posts are held at once, however big the plan.
     */
    public Preview preview(CampaignSpec asked, int first) {
        Inputs in = inputs(asked, null);
        List<Plan.Post> head = new ArrayList<>(Math.min(first, 1024));
        int[] count = {0};
        List<Plan.Problem> problems = planning(in).apply(post -> {
            if (head.size() < first) {
                head.add(post);
            }
            count[0]++;
        });
        return new Preview(count[0], head, problems, in.accounts());
    }

    /**
     * What a plan reads: the campaign with its accounts' default locations, its accounts and media, and a digest of
     * the accounts' other posts (the posts themselves are read only to plan).
     */
    private record Inputs(CampaignSpec spec, List<Planner.Target> targets, List<Planner.Material> materials,
                          String busyDigest, Instant now, @Nullable Long replacing) {
        PlanDrafts.Made made() {
            return PlanDrafts.Made.of(spec, replacing, targets, materials, busyDigest);
        }

        Map<Long, Preview.TargetView> accounts() {
            Map<Long, Preview.TargetView> accounts = new LinkedHashMap<>();
            targets.forEach(t -> accounts.put(t.accountId(), new Preview.TargetView(t.accountId(), t.username(),
                    t.zone().getId(), t.holds().stream().map(Planner.Hold::label).toList(), t.platform())));
            return accounts;
        }

        Map<Long, String> titles() {
            Map<Long, String> titles = new LinkedHashMap<>();
            materials.forEach(m -> titles.put(m.mediaId(), m.title()));
            return titles;
        }
    }

    private Inputs inputs(CampaignSpec asked, @Nullable Long replacing) {
        var targets = inputs.targets(asked);
        // the accounts' default locations are fixed in the campaign as it is stored: changing one later moves no post
        CampaignSpec spec = withDefaultLocations(asked, targets.stream().map(t -> t.accountId()).toList());
        Instant now = clock.instant();
        return new Inputs(spec, targets, inputs.materials(spec), inputs.busyDigest(targets, now), now,
                replacing);
    }

    /** The campaign planned, each post handed on as it is made (the accounts' other posts read first). */
    private java.util.function.Function<java.util.function.Consumer<Plan.Post>, List<Plan.Problem>> planning(Inputs in) {
        var busy = inputs.busy(in.targets(), in.now(), in.replacing());
        return each -> Planner.plan(in.spec(), in.targets(), in.materials(), busy, in.now(), settings.maxCampaignPosts(),
                each);
    }

    /**
     * One page of the campaign's plan ({@code size} posts from the 0-based place {@code from}), as the preview shows
     * it. The plan is made once and kept in the database ({@code draft} names it); a page reads it as long as it holds
     * (the same operator and form, nothing it read from the database changed, made less than ten minutes ago), and
     * plans again otherwise, saying why in {@link PlanPage#replanned()}. A form posted without {@code draft} reads the
     * operator's kept plan of the same form when that holds and its first post's minute has not passed.
     */
    @Transactional
    public PlanPage previewPage(CampaignSpec asked, @Nullable Long replacing, @Nullable UUID draft, int from, int size,
                                String actor) {
        Inputs in = inputs(asked, replacing);
        PlanDrafts.Made made = in.made();
        String replanned = null;
        if (draft == null) {
            // the same form posted again (back from the form, or reloaded) reads the plan it made while that holds
            var current = planDrafts.current(made, actor, in.now());
            if (current.isPresent()) {
                return planDrafts.page(current.get(), from, size, in.accounts(), in.titles(), null);
            }
        } else {
            var kept = drafts.find(draft);
            replanned = kept.isEmpty() ? "its plan was made more than an hour ago"
                    : PlanDrafts.stale(kept.get(), made, actor, in.now());
            if (replanned == null) {
                return planDrafts.page(kept.get(), from, size, in.accounts(), in.titles(), null);
            }
        }
        var written = planDrafts.write(planning(in), made, actor, in.now()).draft();
        return planDrafts.page(written, from, size, in.accounts(), in.titles(),
                replanned == null ? null : "Planned again: " + replanned + ".");
    }

    /**
     * Plans the campaign again and, if nothing blocks it, stores it with all its posts and their publish tasks (in
     * batches of {@link #LAUNCH_BATCH}) and marks its media as scheduled, all in one transaction: whichever batch
     * fails, nothing of the campaign is left.
     *
     * @throws CampaignProblem naming the first problem when the plan has errors
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public long launch(CampaignSpec asked, String actor) {
        return launchAsPlanned(inputs(asked, null), actor);
    }

    /**
     * Launches the plan the preview kept ({@code draft}) as it is, if it still holds: the same operator and form,
     * nothing it read from the database changed since, made less than ten minutes ago; a plan whose first post time
     * has passed (one that starts as soon as possible) is made again first, so that no post is late and every
     * spacing holds. Stores it as {@link #launch(CampaignSpec, String)} does, in one transaction.
     *
     * @throws CampaignProblem when the kept plan does not hold (the message says why: preview again), or has blockers
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public long launch(UUID draft, CampaignSpec asked, String actor) {
        Inputs in = inputs(asked, null);
        CampaignDrafts.Draft kept = drafts.lock(draft).orElseThrow(() -> new CampaignProblem("Not launched: the "
                + "preview's plan is gone (it was launched already, or made more than an hour ago). This is the plan "
                + "as it is now: check it, then launch again."));
        String stale = PlanDrafts.stale(kept, in.made(), actor, in.now());
        if (stale != null) {
            throw new CampaignProblem("Not launched: " + stale + ". This is the plan as it is now: check it, then "
                    + "launch again.");
        }
        if (kept.errors() > 0 || kept.posts() == 0) {
            throw new CampaignProblem("The campaign cannot launch: fix its blockers in the preview.");
        }
        if (kept.firstAt() != null && kept.firstAt().isBefore(in.now())) {
            drafts.delete(kept.id());
            return launchAsPlanned(in, actor);
        }
        boolean approval = approvalSettings.requiredFor(inputs.accountTags(in.spec()));
        long campaignId = campaigns.insert(in.spec(), actor, utc(kept.firstAt()), utc(kept.lastAt()), approval);
        int stored = store(campaignId, in.spec(), kept, !approval);
        return launched(campaignId, in.spec(), actor, approval, stored, kept.firstAt(), kept.lastAt());
    }

    /**
     * Plans the campaign and stores each post as it is planned (no draft is written: none was previewed), then its
     * tasks; a plan with blockers throws once planned, and the transaction takes the campaign and its posts back.
     */
    private long launchAsPlanned(Inputs in, String actor) {
        boolean approval = approvalSettings.requiredFor(inputs.accountTags(in.spec()));
        // its span is known once planned, and set then in this transaction
        long campaignId = campaigns.insert(in.spec(), actor, utc(in.now()), utc(in.now()), approval);
        var plan = planning(in);
        Span span = new Span();
        List<List<Plan.Problem>> found = new ArrayList<>(1);
        posts.copyScheduled(campaignId, sink -> found.add(plan.apply(post -> {
            span.add(post);
            sink.accept(post);
        })));
        refuseBlocked(span.posts, found.getFirst());
        campaigns.span(campaignId, utc(span.first), utc(span.last));
        int stored = giveTasks(campaignId, in.spec(), !approval);
        span.media.forEach(id -> media.markScheduled(id, Campaign.group(campaignId)));
        return launched(campaignId, in.spec(), actor, approval, stored, span.first, span.last);
    }

    /** A plan's posts counted as they are stored, and the media they use. */
    private static final class Span extends PlanSpan {
        /** In order: held in the same order by every launch. */
        final java.util.SortedSet<Long> media = new java.util.TreeSet<>();

        @Override
        void add(Plan.Post post) {
            super.add(post);
            media.addAll(post.mediaIds());
        }
    }

    private long launched(long campaignId, CampaignSpec spec, String actor, boolean approval, int stored,
                          @Nullable Instant firstAt, @Nullable Instant lastAt) {
        // nothing reached the task engine: someone other than the author approves first
        if (approval) {
            events.publishEvent(new CampaignApprovalRequested(campaignId, spec.name(), actor, clock.instant()));
            log.info("Campaign {} \"{}\" by {} waits for approval: {} posts", campaignId, spec.name(), actor, stored);
            return campaignId;
        }
        log.info("Campaign {} \"{}\" launched by {}: {} posts from {} to {}", campaignId, spec.name(), actor,
                stored, firstAt, lastAt);
        return campaignId;
    }

    private static java.time.OffsetDateTime utc(@Nullable Instant at) {
        return java.util.Objects.requireNonNull(at, "a launchable plan has posts").atOffset(ZoneOffset.UTC);
    }

    /** The states in which a campaign is edited whole: nothing of it has reached the task engine. */
    private static final List<CampaignStatus> EDITABLE = List.of(CampaignStatus.IN_REVIEW,
            CampaignStatus.CHANGES_REQUESTED);

    /** Whether the campaign can be edited whole (its form opened again); a launched one is edited post by post. */
    public boolean editable(Campaign campaign) {
        return EDITABLE.contains(campaign.status());
    }

    /**
     * Replaces a campaign that waits for review (in review, or changes requested: none of its posts has a task) with
     * its edited version, planned again beside every other post, and sends it for review again, all in one
     * transaction. Comments on its old posts stay, on the campaign.
     *
     * @throws CampaignProblem when the campaign is past review, or the edited plan has errors
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void revise(long campaignId, CampaignSpec asked, String actor) {
        Campaign before = campaigns.lock(campaignId)
                .orElseThrow(() -> new CampaignProblem("No campaign " + campaignId + "."));
        if (!editable(before)) {
            throw new CampaignProblem("“" + before.name() + "” is " + before.status().label() + ": only a campaign "
                    + "waiting for review, or with changes requested, is edited whole. Edit its posts one by one.");
        }
        Planned planned = planned(asked, campaignId, actor);
        campaignComments.detachFromPosts(campaignId);
        posts.deleteOf(campaignId);
        media.releaseSchedule(Campaign.group(campaignId));
        campaigns.replace(campaignId, planned.spec(), utc(planned.draft().firstAt()), utc(planned.draft().lastAt()));
        int stored = store(campaignId, planned.spec(), planned.draft(), false);
        campaignComments.add(campaignId, null, actor, "submitted", "Edited (" + stored + " post(s)) and sent for "
                + "review again.");
        audit.record(AuditRecord.of("campaign.revised", "campaign", campaignId).target(planned.spec().name())
                .compare(before.spec(), planned.spec(), "name", "accountIds", "accountTag", "mediaIds", "captions",
                        "hashtagSets", "assignment", "schedule")
                .compare(before.spec().options(), planned.spec().options(), "type", "shareToFeed", "coverOffset",
                        "carouselSize", "instagram", "tiktok")
                .change("status", before.status().label(), CampaignStatus.IN_REVIEW.label()));
        events.publishEvent(new CampaignApprovalRequested(campaignId, planned.spec().name(), before.createdBy(),
                clock.instant()));
        log.info("Campaign {} \"{}\" edited by {}: {} posts, in review again", campaignId, planned.spec().name(), actor,
                stored);
    }

    /** A campaign as it is stored (the accounts' default locations fixed in it) and its plan, kept as a draft. */
    private record Planned(CampaignSpec spec, CampaignDrafts.Draft draft) {
    }

    /** @throws CampaignProblem naming the first problem when the plan has errors */
    private Planned planned(CampaignSpec asked, @Nullable Long replacing, String actor) {
        return planned(inputs(asked, replacing), actor);
    }

    /** The plan written as it is made; thrown away with the transaction when it cannot launch. */
    private Planned planned(Inputs in, String actor) {
        var written = planDrafts.write(planning(in), in.made(), actor, in.now());
        refuseBlocked(written.draft().posts(), written.problems());
        return new Planned(in.spec(), written.draft());
    }

    /** @throws CampaignProblem naming the first problem when the plan has errors or no posts */
    private static void refuseBlocked(int posts, List<Plan.Problem> problems) {
        List<String> errors = problems.stream().filter(p -> p.severity() == Plan.Severity.ERROR)
                .map(Plan.Problem::message).toList();
        if (posts > 0 && errors.isEmpty()) {
            return;
        }
        String noPosts = "The campaign has no posts: choose accounts and media.";
        throw new CampaignProblem(posts == 0 && problems.isEmpty() ? noPosts
                : "The campaign cannot launch: " + (errors.isEmpty() ? "it has no posts." : errors.getFirst())
                + " Fix it in the preview.", errors.isEmpty() ? List.of(noPosts) : errors);
    }

    /** Posts given their first comments and publish tasks per batch: what a launch holds at once. */
    static final int LAUNCH_BATCH = 5000;

    /**
     * Stores the draft's posts as the campaign's (one INSERT ... SELECT), then gives them their first comments, and
     * their publish tasks when {@code submit}, in batches of {@link #LAUNCH_BATCH} read back by number, all within the
     * caller's transaction (a failing batch leaves nothing of the campaign); holds their media for the campaign and
     * deletes the draft; how many posts.
     */
    private int store(long campaignId, CampaignSpec spec, CampaignDrafts.Draft draft, boolean submit) {
        drafts.launchInto(campaignId, draft.id());
        int stored = giveTasks(campaignId, spec, submit);
        drafts.mediaOf(draft.id()).forEach(id -> media.markScheduled(id, Campaign.group(campaignId)));
        drafts.delete(draft.id());
        return stored;
    }

    /**
     * Gives the campaign's stored posts their first comments, and their publish tasks when {@code submit}, in batches
     * of {@link #LAUNCH_BATCH} read back by number, within the caller's transaction; how many posts.
     */
    private int giveTasks(long campaignId, CampaignSpec spec, boolean submit) {
        int[] stored = {0};
        posts.launchingInChunks(campaignId, LAUNCH_BATCH, batch -> {
            // each post's first comment is stored with it, whether it goes out now or once approved
            Map<Long, String> comments = new LinkedHashMap<>();
            List<TaskRequest<PublishPost>> requests = new ArrayList<>(submit ? batch.size() : 0);
            for (PostRepository.Launching post : batch) {
                String comment = spec.options().forAccount(post.accountId()).instagram().firstComment();
                if (comment != null && spec.options().type() != PostType.STORIES) {
                    comments.put(post.id(), comment);
                }
                if (submit) {
                    requests.add(PublishPost.request(post.id(), post.accountId(), campaignId, post.scheduledAt()));
                }
            }
            firstComments.insert(comments);
            // the keys are the new posts' ids (from a sequence, inserted above in this transaction): no task holds one
            tasks.submitAllWithNewKeys(requests);
            stored[0] += batch.size();
        });
        return stored[0];
    }

    private CampaignSpec withDefaultLocations(CampaignSpec spec, List<Long> accountIds) {
        if (spec.options().type() == PostType.STORIES) {
            return spec; // Stories take no location
        }
        var defaults = locations.defaults(accountIds);
        if (defaults.isEmpty()) {
            return spec;
        }
        PostOptions options = spec.options();
        return spec.withOptions(options.withInstagram(options.instagram().withDefaultLocations(defaults)));
    }

    public Optional<Campaign> find(long campaignId) {
        return campaigns.find(campaignId);
    }

    /** The campaign's name, for a page that shows only that (reads no spec). */
    public Optional<String> name(long campaignId) {
        return campaigns.name(campaignId);
    }

    /** Newest first, those with an id below {@code before}. */
    public List<Campaign> list(@Nullable Long before, int limit) {
        return campaigns.page(before, Math.clamp(limit, 1, 200));
    }

    /** A campaign to choose in a filter: its id and name. */
    public record Choice(long id, String name) {
    }

    /**
     * The newest campaigns' ids and names, for a filter's choices: their specs are not read (the calendar's list of
     * 100 campaigns parsed every spec, most of its server time at the pages benchmark's full scale).
     */
    public List<Choice> choices(int limit) {
        return campaigns.choices(Math.clamp(limit, 1, 200));
    }

    public PostCounts counts(long campaignId) {
        return posts.counts(campaignId);
    }

    /** Post counts of each of these campaigns (one query). */
    public Map<Long, PostCounts> counts(Collection<Long> campaignIds) {
        return campaignIds.isEmpty() ? Map.of() : posts.countsByCampaign(campaignIds);
    }

    /** Posts of these accounts, in every campaign, that are not published, failed or cancelled yet. */
    public int unfinishedPostsOf(Collection<Long> accountIds) {
        return accountIds.isEmpty() ? 0 : posts.unfinishedOf(accountIds);
    }

    public Map<Long, PostCounts> countsByAccount(long campaignId) {
        return posts.countsByAccount(campaignId);
    }

    /** Posts by number after {@code afterNumber}; optionally only of one status or account. */
    public List<CampaignPost> posts(long campaignId, @Nullable PostStatus status, @Nullable Long accountId,
                                    int afterNumber, int limit) {
        return posts.page(campaignId, status, accountId, afterNumber, Math.clamp(limit, 1, 500));
    }

    /**
     * Posts of every campaign by scheduled time, then id: those after ({@code afterAt}, {@code afterId}) when
     * {@code afterAt} is given; optionally of one status or account, scheduled within {@code [from, until)}.
     */
    public List<CampaignPost> postsAcross(@Nullable PostStatus status, @Nullable Long accountId, @Nullable Instant from,
                                          @Nullable Instant until, @Nullable Instant afterAt, long afterId, int limit) {
        return posts.across(status, accountId, from, until, afterAt, afterId, Math.clamp(limit, 1, 500));
    }

    /** The account's profile grid as it will look: its next 12 posts to go out, then its last 9 published. */
    public List<CampaignPost> profileGridOf(long accountId) {
        return posts.gridOf(accountId, 12, 9);
    }

    /** The first media of each of these posts (at most 500), by post id: what a list shows as the post's thumbnail. */
    public Map<Long, Long> firstMediaOf(Collection<Long> postIds) {
        if (postIds.size() > 500) {
            throw new IllegalArgumentException("at most 500 posts at a time, not " + postIds.size());
        }
        return postIds.isEmpty() ? Map.of() : posts.firstMediaOf(postIds);
    }

    /** The account's latest posts in any campaign, newest first (for its page). */
    public List<CampaignPost> latestPostsOf(long accountId, int limit) {
        return posts.latestOf(accountId, Math.clamp(limit, 1, 100));
    }

    /** No post of the campaign starts until it is resumed; posts already with the platform finish. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void pause(long campaignId) {
        if (!campaigns.transition(campaignId, List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED)) {
            throw new CampaignProblem("Only a running campaign can be paused; reload the page to see its state.");
        }
        tasks.pauseGroup(Campaign.group(campaignId));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void resume(long campaignId) {
        if (!campaigns.transition(campaignId, List.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING)) {
            throw new CampaignProblem("Only a paused campaign can be resumed; reload the page to see its state.");
        }
        tasks.resumeGroup(Campaign.group(campaignId));
    }

    /**
     * Cancels every post that has not gone to the platform yet, and the campaign with them; returns how many. A
     * campaign still in review or with changes requested is withdrawn the same way (nothing of it went out).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int cancelRest(long campaignId, String actor) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
        if (campaign.status() == CampaignStatus.FINISHED || campaign.status() == CampaignStatus.CANCELLED) {
            throw new CampaignProblem("The campaign is already " + campaign.status().name().toLowerCase() + ".");
        }
        int cancelled = posts.cancelRest(campaignId, "Cancelled by " + actor + ".");
        tasks.cancelGroup(Campaign.group(campaignId));
        campaigns.transition(campaignId, List.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED,
                CampaignStatus.IN_REVIEW, CampaignStatus.CHANGES_REQUESTED), CampaignStatus.CANCELLED);
        media.releaseSchedule(Campaign.group(campaignId));
        return cancelled;
    }

    /** Failed posts go out again, each with a new container; returns how many. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int retryFailed(long campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
        if (campaign.status() == CampaignStatus.CANCELLED) {
            throw new CampaignProblem("The campaign was cancelled; launch a new one instead.");
        }
        var retried = posts.retryFailed(campaignId);
        tasks.submitAll(retried.stream().map(PublishPost::request).toList());
        campaigns.transition(campaignId, List.of(CampaignStatus.FINISHED), CampaignStatus.RUNNING);
        return retried.size();
    }

    /** Posts paused for an account or route that is fine again go on; returns how many. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int resumePaused(long campaignId) {
        return holds.resume(CAMPAIGN_POST.CAMPAIGN_ID.eq(campaignId));
    }

    /** Posts the export reads at a time: what it holds at once, however many posts the campaign has. */
    static final int EXPORT_CHUNK = 1000;

    /**
     * Every post of the campaign with its outcome, as CSV in the operators' words: account usernames and media
     * titles beside their ids, statuses as every page names them, what a waiting post waits for, times in UTC
     * (no tokens, nothing secret). Rows go out by post number as they are read, {@link #EXPORT_CHUNK} posts at a time
     * (a 200,000-post campaign is never in memory whole), all from one snapshot of the database.
     */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public void exportCsv(long campaignId, Writer out) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
        Map<Long, String> titles = new HashMap<>();
        media.findAll(campaign.spec().mediaIds()).forEach(m -> titles.put(m.id(), m.title()));
        try {
            out.write(Csv.record(List.of("post", "account", "account_id", "media", "media_ids", "scheduled_at_utc",
                    "goes_out_about_utc", "waits_for", "status", "reason", "platform_media_id", "permalink",
                    "published_at_utc", "caption", "first_comment", "first_comment_status", "first_comment_id")));
            posts.inChunks(campaignId, false, EXPORT_CHUNK, chunk -> {
                try {
                    writeCsv(chunk, titles, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(List<CampaignPost> chunk, Map<Long, String> titles, Writer out) throws IOException {
        List<Long> ids = chunk.stream().map(CampaignPost::id).toList();
        Map<Long, String> usernames = accounts.usernames(chunk.stream().map(CampaignPost::accountId).distinct().toList());
        Map<Long, PostWait> waiting = waits.aheadOf(ids);
        Map<Long, FirstComment> comments = firstComments.findAll(ids);
        for (CampaignPost post : chunk) {
            PostWait wait = waiting.get(post.id());
            FirstComment comment = comments.get(post.id());
            out.write(Csv.record(List.of(String.valueOf(post.number()),
                    "@" + usernames.getOrDefault(post.accountId(), "removed account " + post.accountId()),
                    String.valueOf(post.accountId()),
                    String.join("; ", post.mediaIds().stream().map(id -> titles.getOrDefault(id, "removed media " + id)).toList()),
                    String.join(";", post.mediaIds().stream().map(String::valueOf).toList()),
                    utc(post.scheduledAt()), wait == null ? "" : utc(wait.until()),
                    wait == null ? "" : wait.reason(), post.status().label(),
                    nullToEmpty(post.statusReason()), nullToEmpty(post.mediaId()), nullToEmpty(post.permalink()),
                    post.publishedAt() == null ? "" : utc(post.publishedAt()), post.caption(),
                    comment == null ? "" : comment.message(),
                    comment == null ? "" : comment.status().name().toLowerCase(java.util.Locale.ROOT),
                    comment == null ? "" : nullToEmpty(comment.commentId()))));
        }
    }

    private static String utc(java.time.OffsetDateTime time) {
        return CSV_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static CampaignProblem notFound(long campaignId) {
        return new CampaignProblem("No campaign " + campaignId + ".");
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}

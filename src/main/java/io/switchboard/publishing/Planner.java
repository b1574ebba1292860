package io.switchboard.publishing;

import io.switchboard.publishing.Plan.Problem;
import io.switchboard.publishing.Plan.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns a campaign into its posts: who publishes which media with which caption at what time, and
 * everything wrong with it, found before anything is sent. The times are those the posts will really go out at:
 * after the account's posts from other campaigns (their spacing and ours), within the daily window and maximum, and
 * within the publishing quota.
 */
final class Planner {
    static final int PLATFORM_QUOTA = 50;
    private static final int SHOWN_ACCOUNTS = 5;
    static final int MAX_NAME = 200;
    /** Most captions to rotate through, and most hashtag sets. */
    static final int MAX_LINES = 1000;
    /** A caption text beyond any use: several times what the platform takes. */
    static final int MAX_TEXT = 4 * Captions.MAX_LENGTH;

    private Planner() {
    }

    /**
     * An account as planning needs it.
     *
     * @param holds what would hold its posts back (its status, its egress route); empty when nothing would
     */
    record Target(long accountId, String username, String name, ZoneId zone, int quota, List<Hold> holds,
                  io.switchboard.platform.Platform platform) {
        Target {
            holds = List.copyOf(holds);
        }

        Target(long accountId, String username, String name, ZoneId zone, int quota, List<Hold> holds) {
            this(accountId, username, name, zone, quota, holds, io.switchboard.platform.Platform.INSTAGRAM);
        }
    }

    /**
     * Something that would keep an account's posts from going out.
     *
     * @param blocks whether the campaign cannot launch with it (otherwise its posts are held until it is fixed)
     * @param cause  what it is ("Proxy eu-1 is down (connection refused)"), shared by every account it concerns
     * @param fix    what to do, as a sentence
     * @param label  a few words for the plan's rows ("held: proxy down")
     */
    record Hold(boolean blocks, String cause, String fix, String label) {
    }

    /**
     * A media item as planning needs it.
     *
     * @param duration how long the publishable video plays; zero for an image or when not known yet
     */
    record Material(long mediaId, String title, String caption, boolean video, boolean ready, String statusNote,
                    java.time.Duration duration) {
        Material(long mediaId, String title, String caption, boolean video, boolean ready, String statusNote) {
            this(mediaId, title, caption, video, ready, statusNote, java.time.Duration.ZERO);
        }
    }

    static Plan plan(CampaignSpec spec, List<Target> targets, List<Material> materials, Instant now) {
        return plan(spec, targets, materials, Map.of(), now, Integer.MAX_VALUE);
    }

    /**
     * The plan, or only the problems when it would have more than {@code maxPosts} posts (none is made then).
     *
     * @param busy the target accounts' posts from other campaigns, by account id
     */
    static Plan plan(CampaignSpec spec, List<Target> targets, List<Material> materials,
                     Map<Long, List<BusySlots.Busy>> busy, Instant now, int maxPosts) {
        List<Plan.Post> posts = new ArrayList<>();
        List<Problem> problems = plan(spec, targets, materials, busy, now, maxPosts, posts::add);
        return new Plan(posts, problems);
    }

    /**
     * Plans the campaign handing each post to {@code each} as soon as it has its time and caption, in number order
     * (no list of the posts is kept: a campaign of 200,000 posts is written as it is planned); returns the problems.
     */
    static List<Problem> plan(CampaignSpec spec, List<Target> targets, List<Material> materials,
                              Map<Long, List<BusySlots.Busy>> busy, Instant now, int maxPosts,
                              Consumer<Plan.Post> each) {
        List<Problem> problems = new ArrayList<>();
        if (!checkTexts(spec, problems)) {
            return problems;
        }
        checkInputs(spec, targets, materials, problems);
        Map<Long, String> usernames = new java.util.LinkedHashMap<>();
        targets.forEach(t -> usernames.put(t.accountId(), t.username()));
        InstagramLimits.check(spec.options(), usernames, problems);
        TikTokLimits.check(spec.options(), targets, materials, problems);
        int perPost = spec.options().mediaPerPost();
        if (targets.isEmpty() || materials.isEmpty() || perPost < 1 || perPost > 10) {
            return problems;
        }
        long count = Assigner.count(spec, targets.size(), materials.size());
        if (count > maxPosts) {
            problems.add(Problem.error(String.format(java.util.Locale.ROOT, "The campaign would have %,d posts; a "
                    + "campaign has at most %,d (switchboard.publishing.max-campaign-posts). Choose fewer accounts or "
                    + "media, or split it into several campaigns.", count, maxPosts)));
            return problems;
        }
        Map<Long, Material> media = new HashMap<>();
        materials.forEach(m -> media.put(m.mediaId(), m));
        Map<Long, Target> accounts = new HashMap<>();
        targets.forEach(t -> accounts.put(t.accountId(), t));
        Later later = new Later();
        Scheduler scheduler = new Scheduler(spec, targets, busy, now, later);
        Map<Long, Integer> postsOf = new HashMap<>();
        Assigner.assign(spec, targets, materials, unscheduled -> {
            Plan.Post post = scheduler.schedule(unscheduled);
            String caption = Captions.render(spec, post, accounts.get(post.accountId()),
                    media.get(post.mediaIds().getFirst()));
            Captions.check(caption, post.number(), problems);
            postsOf.merge(post.accountId(), 1, Integer::sum);
            each.accept(post.withCaption(caption));
        });
        holds(targets, postsOf, problems);
        later(targets, later, problems);
        return problems;
    }

    /**
     * The operator's texts within their caps. A long name or a caption a little over the platform's limit is named
     * with the rest; texts far beyond any use (more than {@link #MAX_LINES} lines, or many times the caption limit)
     * stop the planning at once, so nothing is rendered from them.
     */
    private static boolean checkTexts(CampaignSpec spec, List<Problem> problems) {
        if (spec.name().length() > MAX_NAME) {
            problems.add(Problem.error("The name has " + spec.name().length() + " characters; keep it to " + MAX_NAME + "."));
        }
        List<String> captions = switch (spec.captions()) {
            case CaptionStrategy.Template template -> List.of(template.template());
            case CaptionStrategy.Rotate rotate -> rotate.captions();
            case CaptionStrategy.OwnCaption own -> List.of();
        };
        if (captions.size() > MAX_LINES || spec.hashtagSets().size() > MAX_LINES) {
            problems.add(Problem.error("Give at most " + MAX_LINES + " captions and " + MAX_LINES + " hashtag sets."));
            return false;
        }
        int longest = java.util.stream.Stream.concat(captions.stream(), spec.hashtagSets().stream())
                .mapToInt(String::length).max().orElse(0);
        if (longest > MAX_TEXT) {
            problems.add(Problem.error("A caption, template or hashtag set has " + longest + " characters; the "
                    + "platform takes " + Captions.MAX_LENGTH + " per caption: shorten it."));
            return false;
        }
        return true;
    }

    private static void checkInputs(CampaignSpec spec, List<Target> targets, List<Material> materials,
                                    List<Problem> problems) {
        if (targets.isEmpty()) {
            problems.add(Problem.error("No target account: choose accounts, or a tag that some accounts have."));
        }
        if (materials.isEmpty()) {
            problems.add(Problem.error("No media: choose at least one ready video or image."));
        }
        for (Target target : targets) {
            if (spec.schedule().dailyMax() > target.quota()) {
                problems.add(Problem.forAccount(target.accountId(), "The daily maximum of "
                        + spec.schedule().dailyMax() + " is above @" + target.username() + "'s publishing quota of "
                        + target.quota() + " posts per 24 hours. Lower it to " + target.quota() + " or less."));
            }
        }
        PostOptions options = spec.options();
        for (Material material : materials) {
            if (!material.ready()) {
                problems.add(Problem.error("Media \"" + material.title() + "\" is not ready (" + material.statusNote()
                        + "). Wait for it to be prepared or remove it."));
            } else if (options.type() == PostType.REELS && !material.video()) {
                problems.add(Problem.error("\"" + material.title() + "\" is an image: Reels need videos. Post it as "
                        + "an image, or remove it."));
            } else if (options.type() == PostType.IMAGE && material.video()) {
                problems.add(Problem.error("\"" + material.title() + "\" is a video: image posts need images. Post "
                        + "it as a Reel, or remove it."));
            }
        }
        if (spec.assignment() instanceof Assignment.PerAccount(int perAccount)
                && perAccount * options.mediaPerPost() > materials.size()) {
            problems.add(Problem.warning("Each account was to get " + perAccount + " posts but there is media for only "
                    + materials.size() / Math.max(1, options.mediaPerPost()) + "."));
        }
        if (options.type() == PostType.CAROUSEL) {
            if (options.carouselSize() < 2 || options.carouselSize() > 10) {
                problems.add(Problem.error("A carousel has 2 to 10 media; " + options.carouselSize() + " was asked."));
            } else if (materials.size() % options.carouselSize() != 0) {
                problems.add(Problem.warning(materials.size() % options.carouselSize() + " media do not fill a last "
                        + "carousel of " + options.carouselSize() + " and are left out."));
            }
        }
    }

    /** Gives each post its time, one post at a time: spacing per account, the daily window and maximum in its zone. */
    private static final class Scheduler {
        private final Schedule schedule;
        private final Instant start;
        private final Later later;
        private final Map<Long, BusySlots> slots = new HashMap<>();
        private final Map<Long, Instant> nextFree = new HashMap<>();

        Scheduler(CampaignSpec spec, List<Target> targets, Map<Long, List<BusySlots.Busy>> busy, Instant now,
                  Later later) {
            this.schedule = spec.schedule();
            this.start = schedule.startAt() == null || schedule.startAt().isBefore(now) ? now : schedule.startAt();
            this.later = later;
            for (Target target : targets) {
                slots.put(target.accountId(), new BusySlots(schedule, target,
                        busy.getOrDefault(target.accountId(), List.of())));
            }
        }

        Plan.Post schedule(Plan.Post post) {
            BusySlots.Slot slot = slots.get(post.accountId()).take(nextFree.getOrDefault(post.accountId(), start));
            nextFree.put(post.accountId(), slot.at().plus(schedule.minSpacing()));
            later.count(post.accountId(), slot);
            return post.at(slot.at(), slot.waitsFor());
        }
    }

    /** How many posts the account's other posts made later: per other campaign, and per account for the quota. */
    private record Later(Map<String, Integer> byCampaign, Map<Long, Integer> byQuota) {
        Later() {
            this(new TreeMap<>(), new LinkedHashMap<>());
        }

        void count(long accountId, BusySlots.Slot slot) {
            if (slot.cause() == BusySlots.Cause.SPACING && slot.campaign() != null) {
                byCampaign.merge(slot.campaign(), 1, Integer::sum);
            } else if (slot.cause() == BusySlots.Cause.QUOTA) {
                byQuota.merge(accountId, 1, Integer::sum);
            }
        }
    }

    /** One problem per cause that would hold posts back, naming the accounts and how many posts. */
    private static void holds(List<Target> targets, Map<Long, Integer> postsOf, List<Problem> problems) {
        Map<Hold, List<Target>> byHold = new LinkedHashMap<>();
        for (Target target : targets) {
            target.holds().forEach(hold -> byHold.computeIfAbsent(hold, h -> new ArrayList<>()).add(target));
        }
        byHold.forEach((hold, held) -> {
            int count = held.stream().mapToInt(t -> postsOf.getOrDefault(t.accountId(), 0)).sum();
            String message = hold.cause() + ": " + count + " post" + (count == 1 ? "" : "s") + " of "
                    + usernames(held) + (hold.blocks() ? " cannot go out. " : " will be held until it is fixed. ")
                    + hold.fix();
            problems.add(new Problem(hold.blocks() ? Severity.ERROR : Severity.WARNING, message,
                    Set.copyOf(held.stream().map(Target::accountId).toList()), null, hold.label()));
        });
    }

    /** Says how many posts go out later than the operator's own schedule would have them, and why. */
    private static void later(List<Target> targets, Later later, List<Problem> problems) {
        if (!later.byCampaign().isEmpty()) {
            int count = later.byCampaign().values().stream().mapToInt(Integer::intValue).sum();
            List<String> named = later.byCampaign().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .toList();
            problems.add(Problem.warning(count + " post" + (count == 1 ? " goes" : "s go") + " out later to keep the "
                    + "spacing with the same accounts' posts from other campaigns (" + String.join(", ", named)
                    + "). The times below include the wait; lower the spacing to send them sooner."));
        }
        Map<Long, Target> byId = new HashMap<>();
        targets.forEach(t -> byId.put(t.accountId(), t));
        later.byQuota().forEach((accountId, count) -> {
            Target target = byId.get(accountId);
            problems.add(new Problem(Severity.WARNING, count + " post" + (count == 1 ? "" : "s") + " of @"
                    + target.username() + " go out later to stay within its publishing quota of " + target.quota()
                    + " posts per 24 hours (its posts of the last 24 hours and of other campaigns count too). The "
                    + "times below include the wait; lower the daily maximum to spread them evenly.",
                    Set.of(accountId), null, "later: quota"));
        });
    }

    private static String usernames(List<Target> targets) {
        List<String> names = targets.stream().limit(SHOWN_ACCOUNTS).map(t -> "@" + t.username()).toList();
        String shown = names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
        return targets.size() > SHOWN_ACCOUNTS ? String.join(", ", names) + " and " + (targets.size() - SHOWN_ACCOUNTS)
                + " more" : shown;
    }

    static Duration quotaWindow() {
        return Duration.ofHours(24);
    }
}

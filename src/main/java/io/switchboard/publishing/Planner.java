package io.switchboard.publishing;

import io.switchboard.publishing.Plan.Problem;
import io.switchboard.publishing.Plan.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a campaign into its posts: who publishes which media with which caption at what time, and
 * everything wrong with it, found before anything is sent.
 */
final class Planner {
    static final int PLATFORM_QUOTA = 50;
    static final int MAX_NAME = 200;
    /** Most captions to rotate through, and most hashtag sets. */
    static final int MAX_LINES = 1000;
    /** A caption text beyond any use: several times what the platform takes. */
    static final int MAX_TEXT = 4 * Captions.MAX_LENGTH;

    private Planner() {
    }

    /** An account as planning needs it. */
    record Target(long accountId, String username, String name, java.time.ZoneId zone, boolean active,
                  String statusNote, int quota) {
    }

    /** A media item as planning needs it. */
    record Material(long mediaId, String title, String caption, boolean video, boolean ready, String statusNote) {
    }

    static Plan plan(CampaignSpec spec, List<Target> targets, List<Material> materials, Instant now) {
        return plan(spec, targets, materials, now, Integer.MAX_VALUE);
    }

    /** The plan, or only the problems when it would have more than {@code maxPosts} posts (none is made then). */
    static Plan plan(CampaignSpec spec, List<Target> targets, List<Material> materials, Instant now, int maxPosts) {
        List<Problem> problems = new ArrayList<>();
        if (!checkTexts(spec, problems)) {
            return new Plan(List.of(), problems);
        }
        checkInputs(spec, targets, materials, problems);
        int perPost = spec.options().mediaPerPost();
        if (targets.isEmpty() || materials.isEmpty() || perPost < 1 || perPost > 10) {
            return new Plan(List.of(), problems);
        }
        long count = Assigner.count(spec, targets.size(), materials.size());
        if (count > maxPosts) {
            problems.add(Problem.error(String.format(java.util.Locale.ROOT, "The campaign would have %,d posts; a "
                    + "campaign has at most %,d (switchboard.publishing.max-campaign-posts). Choose fewer accounts or "
                    + "media, or split it into several campaigns.", count, maxPosts)));
            return new Plan(List.of(), problems);
        }
        List<Plan.Post> unscheduled = Assigner.assign(spec, targets, materials);
        List<Plan.Post> posts = schedule(spec, targets, unscheduled, now);
        Map<Long, Material> media = new HashMap<>();
        materials.forEach(m -> media.put(m.mediaId(), m));
        Map<Long, Target> accounts = new HashMap<>();
        targets.forEach(t -> accounts.put(t.accountId(), t));
        List<Plan.Post> captioned = new ArrayList<>(posts.size());
        for (Plan.Post post : posts) {
            String caption = Captions.render(spec, post, accounts.get(post.accountId()),
                    media.get(post.mediaIds().getFirst()));
            Captions.check(caption, post.number(), problems);
            captioned.add(post.withCaption(caption));
        }
        checkQuota(spec, targets, captioned, problems);
        return new Plan(captioned, problems);
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
            if (!target.active()) {
                problems.add(Problem.forAccount(target.accountId(), "@" + target.username() + " cannot publish: "
                        + target.statusNote() + ". Reconnect or fix the account, or remove it from the campaign."));
            }
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

    /** Gives each post its time: spacing per account, the daily window and maximum in the account's zone. */
    private static List<Plan.Post> schedule(CampaignSpec spec, List<Target> targets, List<Plan.Post> posts,
                                            Instant now) {
        Schedule schedule = spec.schedule();
        Instant start = schedule.startAt() == null || schedule.startAt().isBefore(now) ? now : schedule.startAt();
        Map<Long, Target> byId = new HashMap<>();
        targets.forEach(t -> byId.put(t.accountId(), t));
        Map<Long, Instant> nextFree = new HashMap<>();
        Map<Long, Map<LocalDate, Integer>> perDay = new HashMap<>();
        List<Plan.Post> scheduled = new ArrayList<>(posts.size());
        for (Plan.Post post : posts) {
            Target target = byId.get(post.accountId());
            Map<LocalDate, Integer> days = perDay.computeIfAbsent(post.accountId(), id -> new HashMap<>());
            Instant at = slot(schedule, target.zone(), nextFree.getOrDefault(post.accountId(), start), days);
            days.merge(at.atZone(target.zone()).toLocalDate(), 1, Integer::sum);
            nextFree.put(post.accountId(), at.plus(schedule.minSpacing()));
            scheduled.add(post.at(at));
        }
        return scheduled;
    }

    private static Instant slot(Schedule schedule, java.time.ZoneId zone, Instant earliest,
                                Map<LocalDate, Integer> perDay) {
        ZonedDateTime t = earliest.atZone(zone);
        for (int guard = 0; guard < 3660; guard++) {
            if (schedule.hasWindow()) {
                if (t.toLocalTime().isBefore(schedule.windowStart())) {
                    t = t.with(schedule.windowStart());
                } else if (!t.toLocalTime().isBefore(schedule.windowEnd())) {
                    t = t.toLocalDate().plusDays(1).atTime(schedule.windowStart()).atZone(zone);
                    continue;
                }
            }
            if (perDay.getOrDefault(t.toLocalDate(), 0) >= schedule.dailyMax()) {
                t = t.toLocalDate().plusDays(1).atTime(schedule.hasWindow() ? schedule.windowStart()
                        : java.time.LocalTime.MIDNIGHT).atZone(zone);
                continue;
            }
            return t.toInstant();
        }
        throw new IllegalStateException("No slot within ten years: check the schedule");
    }

    /** Posts of one account within any 24 hours beyond its quota wait for a free slot: say so. */
    private static void checkQuota(CampaignSpec spec, List<Target> targets, List<Plan.Post> posts,
                                   List<Problem> problems) {
        for (Target target : targets) {
            List<Instant> times = posts.stream().filter(p -> p.accountId() == target.accountId())
                    .map(Plan.Post::at).sorted().toList();
            int most = 0;
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (Duration.between(times.get(j), times.get(i)).compareTo(Duration.ofHours(24)) >= 0) {
                    j++;
                }
                most = Math.max(most, i - j + 1);
            }
            if (most > target.quota()) {
                problems.add(Problem.forAccount(target.accountId(), "@" + target.username() + " would publish " + most
                        + " posts within 24 hours, above its quota of " + target.quota()
                        + ": the extra posts wait for a free slot. Lower the daily maximum or add spacing.")
                        .as(Severity.WARNING));
            }
        }
    }
}

package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a campaign's plan in the database between the preview's pages and the launch, and says whether a kept plan
 * still holds: made by the same operator for the same form, from the same state of the accounts, their holds,
 * quotas and other campaigns' posts, and the media, less than {@link #FRESH} ago.
 */
@Component
class PlanDrafts {
    /** How long a kept plan is shown and launched as it is, when nothing it read has changed. */
    static final Duration FRESH = Duration.ofMinutes(10);
    /** Drafts older than this are deleted by {@link DraftSweeping}. */
    static final Duration KEPT = Duration.ofHours(1);
    /** Drafts an operator keeps at once (the newest): a preview in each of a few tabs. */
    static final int PER_OPERATOR = 3;
    /** Kinds of problem kept with the draft (each with its first examples), the rest only counted. */
    static final int KINDS = 50;
    static final int EXAMPLES = 3;
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private final CampaignDrafts drafts;

    PlanDrafts(CampaignDrafts drafts) {
        this.drafts = drafts;
    }

    /** What a plan was made from: the campaign as submitted, and what it read from the database. */
    record Made(String specHash, String basis, @Nullable Long replacing) {
        /** @param busyDigest what {@link CampaignInputs#busyDigest} says of the accounts' other posts */
        static Made of(CampaignSpec spec, @Nullable Long replacing, List<Planner.Target> targets,
                       List<Planner.Material> materials, String busyDigest) {
            return new Made(sha256(CANONICAL.writeValueAsString(spec) + "|replacing " + replacing),
                    sha256(targets + "|" + materials + "|" + busyDigest), replacing);
        }
    }

    /** A kept plan and its problems (the launch names its first blocker). */
    record Written(CampaignDrafts.Draft draft, List<Plan.Problem> problems) {
    }

    /**
     * Plans and keeps the plan: {@code planning} hands each post to its sink as it is planned, and the post goes to
     * COPY at once (no step holds all the posts); then its counts, problems and what the preview shows above them are
     * stored, and old drafts trimmed.
     */
    Written write(Function<Consumer<Plan.Post>, List<Plan.Problem>> planning, Made made, String actor, Instant now) {
        UUID id = UUID.randomUUID();
        drafts.insert(new CampaignDrafts.Draft(id, actor, now, made.specHash(), made.basis(), made.replacing(), 0, 0, 0,
                null, null, new CampaignDrafts.Summary(List.of(), 0, List.of())));
        Days days = new Days();
        List<List<Plan.Problem>> found = new ArrayList<>(1);
        drafts.insertPosts(id, sink -> found.add(planning.apply(post -> {
            days.add(post);
            sink.accept(post);
        })));
        List<Plan.Problem> problems = found.getFirst();
        List<Plan.Kind> kinds = Plan.kinds(problems, EXAMPLES);
        var summary = new CampaignDrafts.Summary(kinds.subList(0, Math.min(KINDS, kinds.size())), kinds.size(),
                days.days());
        var draft = new CampaignDrafts.Draft(id, actor, now, made.specHash(), made.basis(), made.replacing(),
                days.posts, count(problems, Plan.Severity.ERROR), count(problems, Plan.Severity.WARNING),
                days.first, days.last, summary);
        drafts.complete(draft);
        drafts.insertProblems(id, problems);
        drafts.trim(actor, PER_OPERATOR);
        return new Written(draft, problems);
    }

    private static int count(List<Plan.Problem> problems, Plan.Severity severity) {
        return (int) problems.stream().filter(p -> p.severity() == severity).count();
    }

    /**
     * Why the draft cannot be shown or launched as it is (a clause in the operator's words), or null when it can: it must be the
     * operator's own, of the same form, made from what the database holds now, less than {@link #FRESH} ago.
     */
    static @Nullable String stale(CampaignDrafts.Draft draft, Made now, String actor, Instant at) {
        if (!draft.createdBy().equals(actor) || !draft.specHash().equals(now.specHash())
                || !java.util.Objects.equals(draft.replacing(), now.replacing())) {
            return "the form changed since its plan was made";
        }
        if (!draft.basis().equals(now.basis())) {
            return "something its plan depends on changed since it was made (an account, its holds or quota, another "
                    + "campaign's posts of these accounts, or a media item)";
        }
        if (draft.createdAt().plus(FRESH).isBefore(at)) {
            return "its plan was made more than " + FRESH.toMinutes() + " minutes ago";
        }
        return null;
    }

    /**
     * The operator's kept plan of this very form, when it can be shown as it is to a form posted again: it holds
     * ({@link #stale} finds nothing) and its first post is not in a minute that has passed (the preview shows times to
     * the minute; a plan that starts when launched moves with the clock, so it is kept only within its minute).
     */
    Optional<CampaignDrafts.Draft> current(Made made, String actor, Instant now) {
        return drafts.newest(actor, made.specHash()).filter(d -> stale(d, made, actor, now) == null
                && (d.firstAt() == null || !d.firstAt().isBefore(now.truncatedTo(ChronoUnit.MINUTES))));
    }

    /** The page of the draft's posts from the 0-based place {@code from} (rounded down to a page). */
    PlanPage page(CampaignDrafts.Draft draft, int from, int size, Map<Long, Preview.TargetView> accounts,
                  Map<Long, String> media, @Nullable String replanned) {
        int start = Math.clamp(from - Math.floorMod(from, size), 0, Math.max(0, draft.posts() - 1) / size * size);
        List<Plan.Post> shown = drafts.posts(draft.id(), start, size);
        List<Plan.Post> first = start == 0 ? shown : drafts.posts(draft.id(), 0, size);
        Set<Long> shownAccounts = new HashSet<>();
        shown.forEach(p -> shownAccounts.add(p.accountId()));
        List<Plan.Problem> problems = draft.errors() + draft.warnings() == 0 ? List.of()
                : drafts.problemsOf(draft.id(), start + 1, start + size, shownAccounts);
        return new PlanPage(draft.id(), draft.posts(), draft.errors(), draft.warnings(), draft.summary().kinds(),
                draft.summary().kindCount(), draft.summary().days(), first, start, shown, problems, accounts, media,
                replanned);
    }

    /** A plan's posts counted per day (UTC) as they come: how many, how many accounts, the first and last time. */
    private static final class Days extends PlanSpan {
        private final Map<LocalDate, DayCount> byDay = new TreeMap<>();

        @Override
        void add(Plan.Post post) {
            super.add(post);
            byDay.computeIfAbsent(post.at().atZone(ZoneOffset.UTC).toLocalDate(), d -> new DayCount()).add(post);
        }

        List<PlanDay> days() {
            List<PlanDay> days = new ArrayList<>();
            byDay.forEach((date, day) -> days.add(new PlanDay(date, day.posts, day.accounts.size(), day.first,
                    day.last)));
            return days;
        }
    }

    private static final class DayCount extends PlanSpan {
        final Set<Long> accounts = new HashSet<>();

        @Override
        void add(Plan.Post post) {
            super.add(post);
            accounts.add(post.accountId());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

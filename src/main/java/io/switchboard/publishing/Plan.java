package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A campaign's posts as they would go out, and every problem found with them before anything is sent. */
public record Plan(List<Post> posts, List<Problem> problems) {

    public Plan {
        posts = List.copyOf(posts);
        problems = List.copyOf(problems);
    }

    /** Nothing blocks the launch: there are posts and no blocker. */
    public boolean launchable() {
        return !posts.isEmpty() && count(Severity.ERROR) == 0;
    }

    public long count(Severity severity) {
        return problems.stream().filter(p -> p.severity() == severity).count();
    }

    /** By the severity's name, for templates ({@code plan.count('ERROR')}: they may not reach static classes). */
    public long count(String severity) {
        return count(Severity.valueOf(severity));
    }

    /**
     * The problems by kind (severity and label; a problem without a label is a kind of its own), in the order they
     * were found: how many of each, and the first {@code examples} of them. 2,000 accounts over their quota are one
     * line, not 2,000.
     */
    public List<Kind> kinds(int examples) {
        return kinds(problems, examples);
    }

    static List<Kind> kinds(List<Problem> problems, int examples) {
        Map<Object, List<Problem>> byKind = new LinkedHashMap<>();
        for (Problem problem : problems) {
            Object key = problem.label() == null ? problem : List.of(problem.severity(), problem.label());
            byKind.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
        }
        return byKind.values().stream().map(all -> new Kind(all.getFirst().severity(), all.getFirst().label(),
                all.size(), all.subList(0, Math.min(examples, all.size())))).toList();
    }

    /**
     * Problems of one kind.
     *
     * @param label    their few words ("later: quota"), null for a problem of its own
     * @param examples the first of them, in the order found
     */
    public record Kind(Severity severity, @Nullable String label, int count, List<Problem> examples) {
        public Kind {
            examples = List.copyOf(examples);
        }

        /** The word the page shows for it: "Blocker" or "Warning". */
        public String kind() {
            return examples.getFirst().kind();
        }
    }

    public List<Problem> problemsOf(Post post) {
        return problems.stream().filter(p -> p.concerns(post)).toList();
    }

    /**
     * @param number   the post's place in the campaign, from 1
     * @param mediaIds one media, or a carousel's media in order
     * @param at       when it really goes out: after every other campaign's posts of the account, the daily window
     *                 and maximum, and the quota
     * @param waitsFor what made it later than the campaign's own spacing alone would ("the daily window 09:00–18:00
     *                 in Asia/Tokyo"), null when nothing did
     */
    public record Post(int number, long accountId, List<Long> mediaIds, String caption, Instant at,
                       @Nullable String waitsFor) {
        Post withCaption(String caption) {
            return new Post(number, accountId, mediaIds, caption, at, waitsFor);
        }

        Post at(Instant at, @Nullable String waitsFor) {
            return new Post(number, accountId, mediaIds, caption, at, waitsFor);
        }
    }

    public enum Severity {
        /** a blocker: the campaign cannot launch until it is fixed */
        ERROR,
        /** it can launch, but some posts will be held or go out later than asked */
        WARNING
    }

    /**
     * @param accountIds the accounts it concerns (empty when none in particular)
     * @param postNumber the post it concerns, if one
     * @param label      a few words for the plan's rows ("held: proxy down"), null to show the message
     */
    public record Problem(Severity severity, String message, Set<Long> accountIds, @Nullable Integer postNumber,
                          @Nullable String label) {
        public Problem {
            accountIds = Set.copyOf(accountIds);
        }

        static Problem error(String message) {
            return new Problem(Severity.ERROR, message, Set.of(), null, null);
        }

        static Problem warning(String message) {
            return new Problem(Severity.WARNING, message, Set.of(), null, null);
        }

        static Problem forAccount(long accountId, String message) {
            return new Problem(Severity.ERROR, message, Set.of(accountId), null, null);
        }

        static Problem forPost(int number, String message) {
            return new Problem(Severity.ERROR, message, Set.of(), number, null);
        }

        /** The word the page shows for it: "Blocker" or "Warning". */
        public String kind() {
            return severity == Severity.ERROR ? "Blocker" : "Warning";
        }

        /** It is the post's own, or (naming no post) its account's. */
        public boolean concerns(Post post) {
            return postNumber != null ? postNumber == post.number() : accountIds.contains(post.accountId());
        }
    }
}

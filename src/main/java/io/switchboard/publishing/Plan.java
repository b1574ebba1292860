package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A campaign's posts as they would go out, and every problem found with them before anything is sent. */
public record Plan(List<Post> posts, List<Problem> problems) {

    public Plan {
        posts = List.copyOf(posts);
        problems = List.copyOf(problems);
    }

    /** Nothing blocks the launch: there are posts and no error. */
    public boolean launchable() {
        return !posts.isEmpty() && problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    public List<Problem> problemsOf(Post post) {
        return problems.stream().filter(p -> (p.postNumber() != null && p.postNumber() == post.number())
                || (p.accountId() != null && p.postNumber() == null && p.accountId() == post.accountId())).toList();
    }

    /**
     * @param number   the post's place in the campaign, from 1
     * @param mediaIds one media, or a carousel's media in order
     */
    public record Post(int number, long accountId, List<Long> mediaIds, String caption, Instant at) {
        Post withCaption(String caption) {
            return new Post(number, accountId, mediaIds, caption, at);
        }

        Post at(Instant at) {
            return new Post(number, accountId, mediaIds, caption, at);
        }
    }

    public enum Severity {
        /** the campaign cannot launch until it is fixed */
        ERROR,
        /** it can launch, but the operator should know */
        WARNING
    }

    /**
     * @param accountId  the account it concerns, if one
     * @param postNumber the post it concerns, if one
     */
    public record Problem(Severity severity, String message, @Nullable Long accountId, @Nullable Integer postNumber) {
        static Problem error(String message) {
            return new Problem(Severity.ERROR, message, null, null);
        }

        static Problem warning(String message) {
            return new Problem(Severity.WARNING, message, null, null);
        }

        static Problem forAccount(long accountId, String message) {
            return new Problem(Severity.ERROR, message, accountId, null);
        }

        static Problem forPost(int number, String message) {
            return new Problem(Severity.ERROR, message, null, number);
        }

        Problem as(Severity severity) {
            return new Problem(severity, message, accountId, postNumber);
        }
    }
}

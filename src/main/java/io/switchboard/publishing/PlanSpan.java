package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** Planned posts counted as they come: how many, and the first and last one's time (null before any). */
class PlanSpan {
    int posts;
    @Nullable Instant first;
    @Nullable Instant last;

    void add(Plan.Post post) {
        posts++;
        first = first == null || post.at().isBefore(first) ? post.at() : first;
        last = last == null || post.at().isAfter(last) ? post.at() : last;
    }
}

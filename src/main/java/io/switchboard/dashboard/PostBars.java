package io.switchboard.dashboard;

import io.switchboard.publishing.PostCounts;
import io.switchboard.publishing.PostStatus;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's posts as one stacked bar, as {@code @postBars}: published, failed, held and cancelled each their own
 * colour and share, what is still on its way the rest; so a cancelled campaign never looks like a full green bar.
 */
@Component("postBars")
class PostBars {
    private static final List<PostStatus> ORDER = List.of(PostStatus.PUBLISHED, PostStatus.FAILED, PostStatus.PAUSED,
            PostStatus.CANCELLED, PostStatus.PUBLISHING, PostStatus.PROCESSING, PostStatus.WAITING_QUOTA,
            PostStatus.SCHEDULED);

    /**
     * One part of the bar (public: templates read it).
     *
     * @param x     where it starts, percent of the width
     * @param width percent of the width
     */
    public record Segment(PostStatus status, int posts, double x, double width) {
        public String label() {
            return posts + " " + status.label();
        }
    }

    public List<Segment> segments(PostCounts counts) {
        List<Segment> segments = new ArrayList<>();
        double x = 0;
        for (PostStatus status : ORDER) {
            int posts = counts.get(status);
            if (posts > 0) {
                double width = posts * 100.0 / counts.total();
                segments.add(new Segment(status, posts, x, width));
                x += width;
            }
        }
        return segments;
    }

    /** "12 published, 3 failed, 85 cancelled of 100 posts": the bar in words, for its label and for the page. */
    public String words(PostCounts counts) {
        List<String> parts = segments(counts).stream().map(Segment::label).toList();
        return parts.isEmpty() ? "no posts" : String.join(", ", parts) + " of " + counts.total()
                + " post" + (counts.total() == 1 ? "" : "s");
    }
}

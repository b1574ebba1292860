package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A post's final outcome stored together with the event that tells it (published in the same transaction). */
@Component
class PostOutcomes {
    private final PostRepository posts;
    private final ApplicationEventPublisher events;

    PostOutcomes(PostRepository posts, ApplicationEventPublisher events) {
        this.posts = posts;
        this.events = events;
    }

    @Transactional
    void published(long postId, @Nullable String platformPostId, @Nullable String permalink, @Nullable String note) {
        posts.published(postId, platformPostId, permalink, note);
        posts.find(postId).ifPresent(post -> events.publishEvent(
                new PostPublished(postId, post.campaignId(), post.accountId(), platformPostId, permalink)));
    }

    @Transactional
    void failed(long postId, String reason) {
        posts.status(postId, PostStatus.FAILED, reason);
        posts.find(postId).ifPresent(post -> events.publishEvent(
                new PostFailed(postId, post.campaignId(), post.accountId(), reason)));
    }
}

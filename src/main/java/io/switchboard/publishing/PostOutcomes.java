package io.switchboard.publishing;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A post's failure stored together with the event that tells it (published in the same transaction); a publish is
 * recorded and announced by {@link PostPublications}.
 */
@Component
class PostOutcomes {
    private final PostRepository posts;
    private final ApplicationEventPublisher events;

    PostOutcomes(PostRepository posts, ApplicationEventPublisher events) {
        this.posts = posts;
        this.events = events;
    }

    @Transactional
    void failed(long postId, String reason) {
        posts.status(postId, PostStatus.FAILED, reason);
        posts.find(postId).ifPresent(post -> events.publishEvent(
                new PostFailed(postId, post.campaignId(), post.accountId(), reason)));
    }
}

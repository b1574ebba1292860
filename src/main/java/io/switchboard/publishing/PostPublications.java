package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records a post as published and announces it ({@link PostPublished}, when its id is known) in one transaction. */
@Component
class PostPublications {
    private final PostRepository posts;
    private final CampaignRepository campaigns;
    private final ApplicationEventPublisher events;

    PostPublications(PostRepository posts, CampaignRepository campaigns, ApplicationEventPublisher events) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.events = events;
    }

    @Transactional
    void published(long postId, @Nullable String mediaId, @Nullable String permalink, @Nullable String note) {
        posts.published(postId, mediaId, permalink, note);
        if (mediaId == null) {
            return;
        }
        CampaignPost post = posts.find(postId).orElseThrow();
        PostType type = campaigns.find(post.campaignId()).orElseThrow().postType();
        events.publishEvent(new PostPublished(post.id(), post.campaignId(), post.accountId(), type, mediaId, permalink,
                post.caption(), post.publishedAt() == null ? post.updatedAt() : post.publishedAt()));
    }
}

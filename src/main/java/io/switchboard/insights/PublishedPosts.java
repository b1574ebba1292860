package io.switchboard.insights;

import io.switchboard.accounts.Accounts;
import io.switchboard.platform.Platform;
import io.switchboard.publishing.PostPublished;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** Every post announced published gets its insights schedule (and its account its daily insights). */
@Component
class PublishedPosts {
    private final PostInsights posts;
    private final AccountDays days;
    private final Accounts accounts;
    private final InsightsSettings settings;

    PublishedPosts(PostInsights posts, AccountDays days, Accounts accounts, InsightsSettings settings) {
        this.posts = posts;
        this.days = days;
        this.accounts = accounts;
        this.settings = settings;
    }

    @ApplicationModuleListener
    void on(PostPublished post) {
        Platform platform = accounts.find(post.accountId()).map(a -> a.platform()).orElse(Platform.INSTAGRAM);
        OffsetDateTime first = Objects.requireNonNull(Schedule.next(settings, post.type(), post.publishedAt(),
                post.publishedAt()));
        posts.add(post, platform.name(), first);
        days.register(List.of(post.accountId()), platform, OffsetDateTime.now());
    }
}

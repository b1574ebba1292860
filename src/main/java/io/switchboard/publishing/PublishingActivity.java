package io.switchboard.publishing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Whether publishing needs an account now, for work that must yield to it (collecting insights). */
@Service
public class PublishingActivity {
    private final PostRepository posts;
    private final Clock clock;

    PublishingActivity(PostRepository posts, ObjectProvider<Clock> clock) {
        this.posts = posts;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** True while one of the account's posts is being made or published, or one is due within {@code soon}. */
    @Transactional(readOnly = true)
    public boolean busy(long accountId, Duration soon) {
        return posts.goingOut(accountId, OffsetDateTime.now(clock).plus(soon));
    }
}

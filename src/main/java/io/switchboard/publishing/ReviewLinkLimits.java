package io.switchboard.publishing;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * One token bucket per client review link ({@code link-uses-per-minute}, refilled greedily), kept in PostgreSQL by
 * Bucket4j so that every instance draws from the same bucket. The bucket's row is taken on its own connection: a use
 * refused or rolled back still counts.
 */
@Component
class ReviewLinkLimits {
    private final ProxyManager<Long> buckets;
    private final ApprovalSettings settings;

    ReviewLinkLimits(DataSource dataSource, ApprovalSettings settings) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).table("review_link_bucket").build();
        this.settings = settings;
    }

    /** Takes one use of the link; false when it was used {@code link-uses-per-minute} times within the last minute. */
    boolean take(long linkId) {
        int perMinute = settings.linkUsesPerMinute();
        return buckets.builder().build(linkId, () -> BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build())
                .tryConsume(1);
    }
}

package io.switchboard.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.switchboard.identity.ApiKey;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * One token bucket per API key (its requests per minute, refilled greedily), kept in PostgreSQL by Bucket4j so that
 * every instance draws from the same bucket: a key's limit holds however many instances it calls.
 */
@Component
class RateLimits {
    private final ProxyManager<Long> buckets;

    RateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table("api_rate_bucket").build();
    }

    ConsumptionProbe take(ApiKey key) {
        int perMinute = key.requestsPerMinute();
        return buckets.builder()
                .build(key.id(), () -> BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build())
                .tryConsumeAndReturnRemaining(1);
    }
}

package io.switchboard.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param maxJsonBody          the largest JSON body a call may send (uploads are bounded by the media limit)
 * @param idempotencyRetention how long a POST's first answer is kept for replays of its Idempotency-Key
 */
@ConfigurationProperties("switchboard.api")
record ApiSettings(@DefaultValue("2MB") DataSize maxJsonBody, @DefaultValue("24h") Duration idempotencyRetention) {
}

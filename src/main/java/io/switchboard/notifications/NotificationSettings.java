package io.switchboard.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param allowPrivateTargets deliver to loopback and private-network addresses too (a receiver on the same network);
 *                            off by default so a webhook cannot be aimed at the instance's own neighbours
 * @param deliveryTimeout     how long one attempt waits for the receiver's answer
 * @param retryDelays         the waits before each retry of a delivery that failed (about a day in all); when they
 *                            run out the delivery is FAILED and shown so on the endpoint's log
 * @param baseUrl             where operators open Switchboard: the links in alerts start with it
 * @param mailFrom            the sender of alert mails
 * @param alertQuiet          alerts of one cause are told once no new one came for this long (at the latest ten
 *                            times this after the first), so that a cause still growing makes one message
 */
@ConfigurationProperties("switchboard.notifications")
record NotificationSettings(@DefaultValue("false") boolean allowPrivateTargets,
                            @DefaultValue("10s") Duration deliveryTimeout,
                            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retryDelays,
                            @DefaultValue("http://localhost:8080") String baseUrl,
                            @DefaultValue("switchboard@localhost") String mailFrom,
                            @DefaultValue("1m") Duration alertQuiet) {
}

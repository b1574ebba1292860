package io.switchboard.tasks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param heartbeatInterval how often each instance says it is alive
 * @param lostAfter         silence after which an instance is shown as lost
 * @param forgetAfter       silence (or time since a clean stop) after which it is removed from the registry
 */
@ConfigurationProperties("switchboard.instances")
record InstanceSettings(
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("30s") Duration lostAfter,
        @DefaultValue("1h") Duration forgetAfter) {
}

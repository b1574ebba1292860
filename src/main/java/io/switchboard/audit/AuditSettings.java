package io.switchboard.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The audit trail's settings ({@code switchboard.audit.*}, env {@code SWITCHBOARD_AUDIT_*}).
 *
 * @param retention how long an entry is kept; older ones are deleted by a sweep on one instance at a time
 */
@ConfigurationProperties("switchboard.audit")
record AuditSettings(@DefaultValue("400d") Duration retention) {
}

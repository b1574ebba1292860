package io.switchboard.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param refreshWithin   the health check refreshes tokens that expire within this time
 * @param healthCron      when the daily health check of every account runs (one instance does it)
 * @param importMaxRows   most rows one CSV import may hold
 * @param importChecks    tokens of an import checked against the platform at the same time
 */
@ConfigurationProperties("switchboard.accounts")
record AccountSettings(
        @DefaultValue("10d") Duration refreshWithin,
        @DefaultValue("0 30 3 * * *") String healthCron,
        @DefaultValue("1000") int importMaxRows,
        @DefaultValue("8") int importChecks) {
}

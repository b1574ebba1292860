package io.switchboard.accounts;

import java.time.OffsetDateTime;

/** A task this module submitted for an account (a health check, an audit); details come from the tasks module. */
public record AccountTaskRef(long taskId, String kind, OffsetDateTime submittedAt) {
}

package io.switchboard.audit;

import org.jspecify.annotations.Nullable;

import java.time.OffsetDateTime;
import java.util.Map;

/** One recorded action: who, when, from where (the client's address, or "system"), what, and what changed. */
public record AuditEntry(long id, OffsetDateTime at, String actor, @Nullable String source, String action,
                         @Nullable String objectType, @Nullable String objectId, @Nullable String target,
                         @Nullable String detail, Map<String, Change> changes) {

    /** The object as "campaign 12", or its type alone. */
    public String object() {
        if (objectType == null) {
            return "";
        }
        return objectId == null ? objectType : objectType + " " + objectId;
    }
}

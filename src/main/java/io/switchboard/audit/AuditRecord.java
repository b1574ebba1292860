package io.switchboard.audit;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an action did: its name ({@code post.moved}), the object it touched (type and id), the object's name as
 * operators know it, a sentence, and the fields that changed. Fields whose before and after are equal are left out.
 */
public record AuditRecord(String action, String objectType, @Nullable String objectId, @Nullable String target,
                          @Nullable String detail, Map<String, Change> changes) {

    public AuditRecord {
        changes = Map.copyOf(changes);
    }

    public static AuditRecord of(String action, String objectType, @Nullable Object objectId) {
        return new AuditRecord(action, objectType, objectId == null ? null : objectId.toString(), null, null, Map.of());
    }

    public AuditRecord target(@Nullable String name) {
        return new AuditRecord(action, objectType, objectId, name, detail, changes);
    }

    public AuditRecord detail(@Nullable String sentence) {
        return new AuditRecord(action, objectType, objectId, target, sentence, changes);
    }

    /** Adds the field when its value changed. */
    public AuditRecord change(String field, @Nullable Object before, @Nullable Object after) {
        String was = before == null ? null : before.toString();
        String is = after == null ? null : after.toString();
        if (Objects.equals(was, is)) {
            return this;
        }
        Map<String, Change> more = new LinkedHashMap<>(changes);
        more.put(field, new Change(was, is));
        return new AuditRecord(action, objectType, objectId, target, detail, more);
    }
}

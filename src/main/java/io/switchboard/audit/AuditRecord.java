package io.switchboard.audit;

import org.jspecify.annotations.Nullable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an action did: its name ({@code post.moved}), the object it touched (type and id), the object's name as
 * operators know it, a sentence, and the fields that changed. Fields whose before and after are equal are left out.
 */
public record AuditRecord(String action, String objectType, @Nullable String objectId, @Nullable String target,
                          @Nullable String detail, Map<String, Change> changes) {
    /** Names of fields that are never recorded: they could hold a secret. */
    static final Pattern SECRET = Pattern.compile("(?i).*(password|token|secret|key|code|signature).*");
    private static final int MAX_LENGTH = 200;

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

    /**
     * Adds the named fields of an object before and after the action when their values differ: a created object has
     * no before (null), a deleted one no after. The objects are records of one type; a name that could hold a secret
     * (password, token, secret, key, code, signature) is refused, so no caller can record one by mistake. Values are
     * cut at 200 characters.
     */
    public AuditRecord compare(@Nullable Record before, @Nullable Record after, String... fields) {
        Record sample = after != null ? after : before;
        if (sample == null) {
            return this;
        }
        AuditRecord record = this;
        for (String field : fields) {
            if (SECRET.matcher(field).matches()) {
                throw new IllegalArgumentException("The audit trail never records " + field + ": it could hold a secret");
            }
            RecordComponent component = Arrays.stream(sample.getClass().getRecordComponents())
                    .filter(c -> c.getName().equals(field)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(sample.getClass().getSimpleName() + " has no " + field));
            record = record.change(field, value(component, before), value(component, after));
        }
        return record;
    }

    private static @Nullable String value(RecordComponent component, @Nullable Record of) {
        if (of == null) {
            return null;
        }
        try {
            Object value = component.getAccessor().invoke(of);
            String text = value == null ? null : value.toString();
            return text == null || text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " for the audit trail", e);
        }
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

package io.switchboard.notifications;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static switchboard.jooq.Tables.ALERT_ITEM;
import static switchboard.jooq.Tables.ALERT_SUBSCRIPTION;

/** Operators' alert choices and the alert items waiting to be told. */
@Repository
class AlertRows {
    private final DSLContext db;

    AlertRows(DSLContext db) {
        this.db = db;
    }

    record Item(long id, AlertKind kind, String cause, int count, String link) {
    }

    Optional<AlertPreferences> preferences(String username) {
        return db.selectFrom(ALERT_SUBSCRIPTION).where(ALERT_SUBSCRIPTION.USERNAME.eq(username)).fetchOptional(r ->
                new AlertPreferences(r.getEmail(), r.getChatUrl(),
                        r.getChatFormat() == null ? null : ChatFormat.valueOf(r.getChatFormat()),
                        Arrays.stream(r.getKinds()).map(AlertKind::valueOf).collect(Collectors.toSet()), r.getDigest()));
    }

    Map<String, AlertPreferences> all() {
        return db.select(ALERT_SUBSCRIPTION.USERNAME).from(ALERT_SUBSCRIPTION).fetch(ALERT_SUBSCRIPTION.USERNAME)
                .stream().collect(Collectors.toMap(u -> u, u -> preferences(u).orElseThrow()));
    }

    void save(String username, AlertPreferences p) {
        String[] kinds = p.kinds().stream().map(Enum::name).sorted().toArray(String[]::new);
        String format = p.chatFormat() == null ? null : p.chatFormat().name();
        db.insertInto(ALERT_SUBSCRIPTION)
                .set(ALERT_SUBSCRIPTION.USERNAME, username).set(ALERT_SUBSCRIPTION.EMAIL, p.email())
                .set(ALERT_SUBSCRIPTION.CHAT_URL, p.chatUrl()).set(ALERT_SUBSCRIPTION.CHAT_FORMAT, format)
                .set(ALERT_SUBSCRIPTION.KINDS, kinds).set(ALERT_SUBSCRIPTION.DIGEST, p.digest())
                .onConflict(ALERT_SUBSCRIPTION.USERNAME).doUpdate()
                .set(ALERT_SUBSCRIPTION.EMAIL, p.email()).set(ALERT_SUBSCRIPTION.CHAT_URL, p.chatUrl())
                .set(ALERT_SUBSCRIPTION.CHAT_FORMAT, format).set(ALERT_SUBSCRIPTION.KINDS, kinds)
                .set(ALERT_SUBSCRIPTION.DIGEST, p.digest()).set(ALERT_SUBSCRIPTION.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    void add(AlertKind kind, String cause, int count, String link) {
        db.insertInto(ALERT_ITEM).set(ALERT_ITEM.KIND, kind.name()).set(ALERT_ITEM.CAUSE, cause)
                .set(ALERT_ITEM.COUNT, count).set(ALERT_ITEM.LINK, link).execute();
    }

    /**
     * Items not told yet whose cause has been quiet for {@code quiet} (no newer item), or whose first item waits for
     * ten times that: a cause still growing (a proxy holding account after account) is told once, whole. Locked so
     * that only one instance tells them.
     */
    List<Item> takeUnsent(java.time.Duration quiet, int limit) {
        var newer = ALERT_ITEM.as("newer");
        var oldest = ALERT_ITEM.as("oldest");
        var settled = org.jooq.impl.DSL.notExists(org.jooq.impl.DSL.selectOne().from(newer)
                        .where(newer.SENT_AT.isNull()).and(newer.KIND.eq(ALERT_ITEM.KIND)).and(newer.CAUSE.eq(ALERT_ITEM.CAUSE))
                        .and(newer.CREATED_AT.gt(OffsetDateTime.now().minus(quiet))))
                .or(org.jooq.impl.DSL.exists(org.jooq.impl.DSL.selectOne().from(oldest)
                        .where(oldest.SENT_AT.isNull()).and(oldest.KIND.eq(ALERT_ITEM.KIND)).and(oldest.CAUSE.eq(ALERT_ITEM.CAUSE))
                        .and(oldest.CREATED_AT.lt(OffsetDateTime.now().minus(quiet.multipliedBy(10))))));
        return db.selectFrom(ALERT_ITEM).where(ALERT_ITEM.SENT_AT.isNull()).and(settled).orderBy(ALERT_ITEM.ID).limit(limit)
                .forUpdate().skipLocked().fetch(r -> new Item(r.getId(), AlertKind.valueOf(r.getKind()), r.getCause(),
                        r.getCount(), r.getLink()));
    }

    List<Item> since(OffsetDateTime since) {
        return db.selectFrom(ALERT_ITEM).where(ALERT_ITEM.CREATED_AT.gt(since)).orderBy(ALERT_ITEM.ID)
                .fetch(r -> new Item(r.getId(), AlertKind.valueOf(r.getKind()), r.getCause(), r.getCount(), r.getLink()));
    }

    void markSent(List<Long> ids) {
        db.update(ALERT_ITEM).set(ALERT_ITEM.SENT_AT, OffsetDateTime.now()).where(ALERT_ITEM.ID.in(ids)).execute();
    }

    int prune(OffsetDateTime before) {
        return db.deleteFrom(ALERT_ITEM).where(ALERT_ITEM.CREATED_AT.lt(before)).execute();
    }
}

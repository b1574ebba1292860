package io.switchboard.proxies;

import io.switchboard.infrastructure.SecretBox;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.ProxyRecord;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.selectCount;
import static switchboard.jooq.Tables.PROXY;
import static switchboard.jooq.Tables.PROXY_ASSIGNMENT;
import static switchboard.jooq.Tables.PROXY_TAG;

/** The proxies' rows: endpoint, sealed password, labels and tags, and the latest diagnostics verdict. */
@Repository
class ProxyRepository {
    /** A request for diagnostics counts as pending this long at most (its task may have been cancelled). */
    private static final Duration PENDING_FOR = Duration.ofMinutes(15);
    private static final Field<Integer> ACCOUNTS = DSL.field(selectCount().from(PROXY_ASSIGNMENT)
            .where(PROXY_ASSIGNMENT.PROXY_ID.eq(PROXY.ID))).as("accounts");
    private static final Field<Boolean> PENDING = DSL.field(PROXY.CHECK_REQUESTED_AT.isNotNull()
            .and(PROXY.CHECKED_AT.isNull().or(PROXY.CHECKED_AT.lt(PROXY.CHECK_REQUESTED_AT)))
            .and(PROXY.CHECK_REQUESTED_AT.gt(currentOffsetDateTime().minus(DayToSecond.valueOf(PENDING_FOR)))))
            .as("pending");
    private final DSLContext db;

    ProxyRepository(DSLContext db) {
        this.db = db;
    }

    /** What routing and diagnostics need of a proxy: its endpoint with the password still sealed, and its state. */
    record Routable(long id, String label, ProxyScheme scheme, String host, int port, @Nullable String username,
                    SecretBox.@Nullable Sealed password, boolean enabled, ProxyStatus status, String statusReason,
                    OffsetDateTime statusChangedAt) {
    }

    /** The state a diagnostics result is judged against, read under a row lock. */
    record CheckState(String label, ProxyStatus status, String statusReason, int failuresInARow,
                      @Nullable String exitIp) {
    }

    Optional<Proxy> find(long id) {
        return proxies(PROXY.ID.eq(id), 1).stream().findFirst();
    }

    /** Proxies matching the filter in label order, after the given lower-cased label. */
    List<Proxy> page(ProxyFilter filter, @Nullable String afterLabel, int limit) {
        Condition where = matching(filter);
        if (afterLabel != null) {
            where = where.and(lower(PROXY.LABEL).gt(afterLabel));
        }
        return proxies(where, limit);
    }

    List<Long> ids(ProxyFilter filter) {
        return db.select(PROXY.ID).from(PROXY).where(matching(filter)).orderBy(lower(PROXY.LABEL)).fetch(PROXY.ID);
    }

    List<Long> enabledIds() {
        return db.select(PROXY.ID).from(PROXY).where(PROXY.ENABLED).orderBy(PROXY.ID).fetch(PROXY.ID);
    }

    Map<ProxyStatus, Integer> statusCounts() {
        Map<ProxyStatus, Integer> counts = new LinkedHashMap<>();
        for (ProxyStatus status : ProxyStatus.values()) {
            counts.put(status, 0);
        }
        db.select(PROXY.STATUS, count()).from(PROXY).groupBy(PROXY.STATUS).fetch()
                .forEach(r -> counts.put(ProxyStatus.valueOf(r.value1()), r.value2()));
        return counts;
    }

    Map<String, Integer> regionCounts() {
        return db.select(PROXY.REGION, count()).from(PROXY).where(PROXY.REGION.ne("")).groupBy(PROXY.REGION)
                .orderBy(PROXY.REGION).fetch().stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2(), (a, b) -> a, LinkedHashMap::new));
    }

    Map<String, Integer> tagCounts() {
        return db.select(PROXY_TAG.TAG, count()).from(PROXY_TAG).groupBy(PROXY_TAG.TAG).orderBy(PROXY_TAG.TAG)
                .fetch().stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2(), (a, b) -> a, LinkedHashMap::new));
    }

    /** The proxy already using this label (regardless of case), other than {@code except}. */
    Optional<Long> withLabel(String label, @Nullable Long except) {
        Condition where = lower(PROXY.LABEL).eq(label.toLowerCase(java.util.Locale.ROOT));
        return db.select(PROXY.ID).from(PROXY).where(except == null ? where : where.and(PROXY.ID.ne(except)))
                .fetchOptional(PROXY.ID);
    }

    /** The proxy already at this endpoint with this username, other than {@code except}. */
    Optional<Long> withEndpoint(ProxySpec spec, @Nullable Long except) {
        Condition where = PROXY.SCHEME.eq(spec.scheme().name()).and(lower(PROXY.HOST).eq(spec.host()))
                .and(PROXY.PORT.eq(spec.port()))
                .and(DSL.coalesce(PROXY.USERNAME, "").eq(spec.username() == null ? "" : spec.username()));
        return db.select(PROXY.ID).from(PROXY).where(except == null ? where : where.and(PROXY.ID.ne(except)))
                .fetchOptional(PROXY.ID);
    }

    long insert(ProxySpec spec, SecretBox.@Nullable Sealed password) {
        long id = db.insertInto(PROXY).set(values(spec, password)).returning(PROXY.ID).fetchSingle(PROXY.ID);
        setTags(id, spec.tags());
        return id;
    }

    void update(long id, ProxySpec spec, SecretBox.@Nullable Sealed password) {
        db.update(PROXY).set(values(spec, password)).set(PROXY.UPDATED_AT, currentOffsetDateTime())
                .where(PROXY.ID.eq(id)).execute();
        setTags(id, spec.tags());
    }

    private static Map<Field<?>, Object> values(ProxySpec spec, SecretBox.@Nullable Sealed password) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(PROXY.LABEL, spec.label());
        values.put(PROXY.SCHEME, spec.scheme().name());
        values.put(PROXY.HOST, spec.host());
        values.put(PROXY.PORT, spec.port());
        values.put(PROXY.USERNAME, spec.username());
        values.put(PROXY.PASSWORD_CIPHERTEXT, password == null ? null : password.bytes());
        values.put(PROXY.PASSWORD_KEY_ID, password == null ? null : password.keyId());
        values.put(PROXY.REGION, spec.region());
        values.put(PROXY.ENABLED, spec.enabled());
        return values;
    }

    Optional<SecretBox.Sealed> password(long id) {
        return db.select(PROXY.PASSWORD_KEY_ID, PROXY.PASSWORD_CIPHERTEXT).from(PROXY).where(PROXY.ID.eq(id))
                .and(PROXY.PASSWORD_CIPHERTEXT.isNotNull())
                .fetchOptional(r -> new SecretBox.Sealed(r.value1(), r.value2()));
    }

    int delete(long id) {
        return db.deleteFrom(PROXY).where(PROXY.ID.eq(id)).execute();
    }

    int setEnabled(Collection<Long> ids, boolean enabled) {
        return db.update(PROXY).set(PROXY.ENABLED, enabled).set(PROXY.UPDATED_AT, currentOffsetDateTime())
                .where(PROXY.ID.in(ids)).and(PROXY.ENABLED.ne(enabled)).execute();
    }

    void checkRequested(Collection<Long> ids) {
        db.update(PROXY).set(PROXY.CHECK_REQUESTED_AT, currentOffsetDateTime()).where(PROXY.ID.in(ids)).execute();
    }

    List<Routable> routable() {
        return db.selectFrom(PROXY).fetch(ProxyRepository::routable);
    }

    Optional<Routable> routable(long id) {
        return db.selectFrom(PROXY).where(PROXY.ID.eq(id)).fetchOptional(ProxyRepository::routable);
    }

    Optional<CheckState> lockForCheck(long id) {
        return db.select(PROXY.LABEL, PROXY.STATUS, PROXY.STATUS_REASON, PROXY.FAILURES_IN_A_ROW, PROXY.EXIT_IP)
                .from(PROXY).where(PROXY.ID.eq(id)).forUpdate()
                .fetchOptional(r -> new CheckState(r.value1(), ProxyStatus.valueOf(r.value2()), r.value3(), r.value4(),
                        r.value5()));
    }

    void applyCheck(long id, ProxyVerdicts.Verdict verdict, boolean statusChanged, ProbeResult result) {
        var update = db.update(PROXY).set(PROXY.STATUS, verdict.status().name())
                .set(PROXY.STATUS_REASON, verdict.reason()).set(PROXY.FAILURES_IN_A_ROW, verdict.failuresInARow())
                .set(PROXY.CHECKED_AT, currentOffsetDateTime());
        if (result.outcome() == CheckOutcome.OK) {
            update = update.set(PROXY.LATENCY_MS, result.latencyMs()).set(PROXY.EXIT_IP, result.exitIp());
        }
        if (statusChanged) {
            update = update.set(PROXY.STATUS_CHANGED_AT, currentOffsetDateTime());
        }
        update.where(PROXY.ID.eq(id)).execute();
    }

    private List<Proxy> proxies(Condition where, int limit) {
        List<Record> rows = db.select(PROXY.asterisk(), ACCOUNTS, PENDING).from(PROXY).where(where)
                .orderBy(lower(PROXY.LABEL)).limit(limit).fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        db.select(PROXY_TAG.PROXY_ID, PROXY_TAG.TAG).from(PROXY_TAG)
                .where(PROXY_TAG.PROXY_ID.in(rows.stream().map(r -> r.get(PROXY.ID)).toList()))
                .orderBy(PROXY_TAG.TAG)
                .forEach(r -> tags.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return rows.stream().map(r -> proxy(r, tags.getOrDefault(r.get(PROXY.ID), List.of()))).toList();
    }

    private void setTags(long id, List<String> tags) {
        db.deleteFrom(PROXY_TAG).where(PROXY_TAG.PROXY_ID.eq(id)).execute();
        if (!tags.isEmpty()) {
            var insert = db.insertInto(PROXY_TAG, PROXY_TAG.PROXY_ID, PROXY_TAG.TAG);
            for (String tag : tags) {
                insert = insert.values(id, tag);
            }
            insert.execute();
        }
    }

    private static Condition matching(ProxyFilter filter) {
        Condition where = DSL.noCondition();
        if (filter.status() != null) {
            where = where.and(PROXY.STATUS.eq(filter.status().name()));
        }
        if (filter.region() != null) {
            where = where.and(PROXY.REGION.eq(filter.region()));
        }
        if (filter.tag() != null) {
            where = where.and(PROXY.ID.in(DSL.select(PROXY_TAG.PROXY_ID).from(PROXY_TAG)
                    .where(PROXY_TAG.TAG.eq(filter.tag()))));
        }
        if (filter.text() != null) {
            where = where.and(PROXY.LABEL.containsIgnoreCase(filter.text())
                    .or(PROXY.HOST.containsIgnoreCase(filter.text())).or(PROXY.REGION.containsIgnoreCase(filter.text())));
        }
        return where;
    }

    private static Proxy proxy(Record r, List<String> tags) {
        return new Proxy(r.get(PROXY.ID), r.get(PROXY.LABEL), ProxyScheme.valueOf(r.get(PROXY.SCHEME)), r.get(PROXY.HOST),
                r.get(PROXY.PORT), r.get(PROXY.USERNAME), r.get(PROXY.PASSWORD_CIPHERTEXT) != null, r.get(PROXY.REGION),
                List.copyOf(tags), r.get(PROXY.ENABLED), ProxyStatus.valueOf(r.get(PROXY.STATUS)),
                r.get(PROXY.STATUS_REASON), r.get(PROXY.STATUS_CHANGED_AT), r.get(PROXY.CHECKED_AT),
                r.get(PROXY.LATENCY_MS), r.get(PROXY.EXIT_IP), Boolean.TRUE.equals(r.get(PENDING)), r.get(ACCOUNTS),
                r.get(PROXY.CREATED_AT));
    }

    private static Routable routable(ProxyRecord r) {
        return new Routable(r.getId(), r.getLabel(), ProxyScheme.valueOf(r.getScheme()), r.getHost(), r.getPort(),
                r.getUsername(), r.getPasswordCiphertext() == null ? null
                : new SecretBox.Sealed(r.getPasswordKeyId(), r.getPasswordCiphertext()), r.getEnabled(),
                ProxyStatus.valueOf(r.getStatus()), r.getStatusReason(), r.getStatusChangedAt());
    }

    long countPasswordsSealedWithOtherKeys(String keyId) {
        return db.fetchCount(PROXY, PROXY.PASSWORD_KEY_ID.ne(keyId));
    }

    /** Passwords sealed with another key than {@code keyId}, their rows locked until the transaction ends. */
    Map<Long, SecretBox.Sealed> lockPasswordsSealedWithOtherKeys(String keyId, int limit) {
        Map<Long, SecretBox.Sealed> passwords = new LinkedHashMap<>();
        db.select(PROXY.ID, PROXY.PASSWORD_KEY_ID, PROXY.PASSWORD_CIPHERTEXT).from(PROXY)
                .where(PROXY.PASSWORD_KEY_ID.ne(keyId)).orderBy(PROXY.ID).limit(limit).forUpdate()
                .forEach(r -> passwords.put(r.value1(), new SecretBox.Sealed(r.value2(), r.value3())));
        return passwords;
    }

    /** Only the sealing changes: same password. */
    void resealPassword(long id, SecretBox.Sealed password) {
        db.update(PROXY).set(PROXY.PASSWORD_CIPHERTEXT, password.bytes()).set(PROXY.PASSWORD_KEY_ID, password.keyId())
                .where(PROXY.ID.eq(id)).execute();
    }
}

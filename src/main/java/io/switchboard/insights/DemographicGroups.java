package io.switchboard.insights;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.jooq.impl.DSL.sum;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT;
import static switchboard.jooq.Tables.INSIGHT_ACCOUNT_DEMOGRAPHIC;

/** Accounts' follower demographics: the platform's latest answer per breakdown, replaced at each reading. */
@Repository
class DemographicGroups {
    /** Groups kept per breakdown: Meta answers at most its top 45. */
    static final int KEPT = 45;
    private final DSLContext db;

    DemographicGroups(DSLContext db) {
        this.db = db;
    }

    /** Replaces the account's demographics with this reading (raw platform labels, followers). */
    void replace(long accountId, Map<Breakdown, Map<String, Long>> reading, OffsetDateTime at) {
        db.deleteFrom(INSIGHT_ACCOUNT_DEMOGRAPHIC).where(INSIGHT_ACCOUNT_DEMOGRAPHIC.ACCOUNT_ID.eq(accountId)).execute();
        var insert = db.insertInto(INSIGHT_ACCOUNT_DEMOGRAPHIC, INSIGHT_ACCOUNT_DEMOGRAPHIC.ACCOUNT_ID,
                INSIGHT_ACCOUNT_DEMOGRAPHIC.BREAKDOWN, INSIGHT_ACCOUNT_DEMOGRAPHIC.LABEL, INSIGHT_ACCOUNT_DEMOGRAPHIC.FOLLOWERS);
        int rows = 0;
        for (var part : reading.entrySet()) {
            List<Map.Entry<String, Long>> groups = part.getValue().entrySet().stream()
                    .filter(g -> !g.getKey().isBlank() && g.getKey().length() <= 200 && g.getValue() >= 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(KEPT).toList();
            for (var g : groups) {
                insert = insert.values(accountId, part.getKey().key(), g.getKey(), g.getValue());
                rows++;
            }
        }
        if (rows > 0) {
            insert.execute();
        }
        note(accountId, at, rows > 0 ? null : "The platform knows no demographics of this account's followers yet");
    }

    /** The platform gave none, for this reason: earlier demographics are dropped (they no longer hold). */
    void unavailable(long accountId, String reason, OffsetDateTime at) {
        db.deleteFrom(INSIGHT_ACCOUNT_DEMOGRAPHIC).where(INSIGHT_ACCOUNT_DEMOGRAPHIC.ACCOUNT_ID.eq(accountId)).execute();
        note(accountId, at, reason);
    }

    private void note(long accountId, OffsetDateTime at, @Nullable String note) {
        db.update(INSIGHT_ACCOUNT).set(INSIGHT_ACCOUNT.DEMOGRAPHICS_AT, at).set(INSIGHT_ACCOUNT.DEMOGRAPHICS_NOTE, note)
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)).execute();
    }

    Demographics of(long accountId) {
        var account = db.select(INSIGHT_ACCOUNT.DEMOGRAPHICS_AT, INSIGHT_ACCOUNT.DEMOGRAPHICS_NOTE).from(INSIGHT_ACCOUNT)
                .where(INSIGHT_ACCOUNT.ACCOUNT_ID.eq(accountId)).fetchOptional();
        Map<Breakdown, List<Demographics.Group>> byBreakdown = new EnumMap<>(Breakdown.class);
        db.select(INSIGHT_ACCOUNT_DEMOGRAPHIC.BREAKDOWN, INSIGHT_ACCOUNT_DEMOGRAPHIC.LABEL,
                        INSIGHT_ACCOUNT_DEMOGRAPHIC.FOLLOWERS).from(INSIGHT_ACCOUNT_DEMOGRAPHIC)
                .where(INSIGHT_ACCOUNT_DEMOGRAPHIC.ACCOUNT_ID.eq(accountId))
                .orderBy(INSIGHT_ACCOUNT_DEMOGRAPHIC.BREAKDOWN, INSIGHT_ACCOUNT_DEMOGRAPHIC.FOLLOWERS.desc(),
                        INSIGHT_ACCOUNT_DEMOGRAPHIC.LABEL)
                .forEach(r -> {
                    Breakdown b = Breakdown.of(r.value1());
                    byBreakdown.computeIfAbsent(b, k -> new ArrayList<>())
                            .add(new Demographics.Group(words(b, r.value2()), r.value3()));
                });
        List<Demographics.Part> parts = new ArrayList<>();
        byBreakdown.forEach((b, groups) -> parts.add(new Demographics.Part(b,
                b == Breakdown.AGE ? groups.stream().sorted(java.util.Comparator.comparing(Demographics.Group::label)).toList()
                        : groups, groups.stream().mapToLong(Demographics.Group::followers).sum())));
        return new Demographics(account.map(r -> r.value1()).orElse(null), account.map(r -> r.value2()).orElse(null),
                parts);
    }

    /** The countries with the most followers over these accounts together (latest readings), most first. */
    List<Demographics.Group> topCountries(Collection<Long> accountIds, int limit) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        var total = sum(INSIGHT_ACCOUNT_DEMOGRAPHIC.FOLLOWERS);
        return db.select(INSIGHT_ACCOUNT_DEMOGRAPHIC.LABEL, total).from(INSIGHT_ACCOUNT_DEMOGRAPHIC)
                .where(INSIGHT_ACCOUNT_DEMOGRAPHIC.ACCOUNT_ID.eq(org.jooq.impl.DSL.any(accountIds.toArray(Long[]::new)))
                        .and(INSIGHT_ACCOUNT_DEMOGRAPHIC.BREAKDOWN.eq(Breakdown.COUNTRY.key())))
                .groupBy(INSIGHT_ACCOUNT_DEMOGRAPHIC.LABEL).orderBy(total.desc(), INSIGHT_ACCOUNT_DEMOGRAPHIC.LABEL)
                .limit(limit)
                .fetch(r -> new Demographics.Group(words(Breakdown.COUNTRY, r.value1()), r.value2().longValue()));
    }

    /** A platform label as operators read it: genders in words, countries by their English name. */
    static String words(Breakdown breakdown, String label) {
        return switch (breakdown) {
            case GENDER -> switch (label) {
                case "F" -> "Women";
                case "M" -> "Men";
                case "U" -> "Not known";
                default -> label;
            };
            case COUNTRY -> {
                String name = label.length() == 2 ? Locale.of("", label).getDisplayCountry(Locale.ENGLISH) : label;
                yield name.isBlank() || name.equals(label) ? label : name + " (" + label + ")";
            }
            case AGE, CITY -> label;
        };
    }
}

package io.switchboard.tasks;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement of the engine's hot path (claim, outcomes, throughput), built with jOOQ and rendered to SQL once:
 * every execution only binds new values to its named parameters ({@link org.jooq.impl.DSL#param(String, Object)}),
 * the rest of its bind values stay as built. Rendering these statements' trees took about 40 % of the claiming
 * and completing threads' CPU, for a text that never changes. The database sees exactly the same statement.
 */
final class ReusedStatement {
    /** A named parameter in jOOQ's named rendering ({@code :name}), never the second colon of a cast ({@code ::}). */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):(\\w+)");
    private final String sql;
    private final Object[] built;
    private final Map<String, int[]> positions;
    private final Field<?>[] returning;

    private ReusedStatement(String sql, Object[] built, Map<String, int[]> positions, Field<?>[] returning) {
        this.sql = sql;
        this.built = built;
        this.positions = positions;
        this.returning = returning;
    }

    /**
     * Renders {@code query} once; {@code returning} are the fields its rows come back as (in order), none for a
     * statement that returns no rows.
     */
    static ReusedStatement of(DSLContext db, Query query, Field<?>... returning) {
        List<Object> values = db.extractBindValues(query);
        Matcher placeholders = PLACEHOLDER.matcher(db.renderNamedParams(query));
        Map<String, List<Integer>> named = new LinkedHashMap<>();
        int position = 0;
        while (placeholders.find()) {
            String name = placeholders.group(1);
            if (!name.chars().allMatch(Character::isDigit)) {
                named.computeIfAbsent(name, n -> new ArrayList<>()).add(position);
            }
            position++;
        }
        if (position != values.size()) {
            throw new IllegalStateException("found " + position + " placeholders for " + values.size()
                    + " bind values in " + db.renderNamedParams(query));
        }
        Map<String, int[]> positions = new LinkedHashMap<>();
        named.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new ReusedStatement(db.render(query), values.toArray(), positions, returning);
    }

    /** Runs the statement with these values for its named parameters (every one of them must be given). */
    Result<Record> fetch(DSLContext db, Map<String, ?> values) {
        return db.resultQuery(sql, bind(values)).coerce(returning).fetch();
    }

    /** As {@link #fetch}, for a statement that returns no rows: the number of rows changed. */
    int execute(DSLContext db, Map<String, ?> values) {
        return db.execute(sql, bind(values));
    }

    private Object[] bind(Map<String, ?> values) {
        if (!values.keySet().equals(positions.keySet())) {
            throw new IllegalArgumentException("parameters " + positions.keySet() + " expected, " + values.keySet()
                    + " given");
        }
        Object[] binds = built.clone();
        values.forEach((name, value) -> {
            for (int at : positions.get(name)) {
                binds[at] = value;
            }
        });
        return binds;
    }
}

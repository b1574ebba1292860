package io.switchboard.tasks;

import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;

/** SQL pieces the engine's statements share. All times come from the database clock. */
final class Sql {
    static final Field<OffsetDateTime> NOW = DSL.currentOffsetDateTime();

    private Sql() {
    }

    static Field<OffsetDateTime> fromNow(Duration duration) {
        return field("{0} + make_interval(secs => {1})", OffsetDateTime.class, NOW,
                inline(duration.toMillis() / 1000.0));
    }

    static Field<OffsetDateTime> ago(Duration duration) {
        return field("{0} - make_interval(secs => {1})", OffsetDateTime.class, NOW,
                inline(duration.toMillis() / 1000.0));
    }

    static Field<OffsetDateTime> fromNowMillis(Field<Long> millis) {
        return field("{0} + make_interval(secs => {1} / 1000.0)", OffsetDateTime.class, NOW, millis);
    }

    /** Milliseconds from {@code earlier} to {@code later}. */
    static Field<Long> millisBetween(Field<OffsetDateTime> later, Field<OffsetDateTime> earlier) {
        return field("(extract(epoch from ({0} - {1})) * 1000)::bigint", Long.class, later, earlier);
    }

    static Field<JSONB> concat(Field<JSONB> left, Field<JSONB> right) {
        return field("{0} || {1}", JSONB.class, left, right);
    }

    /**
     * Rows from parallel arrays ({@code unnest(a, b, …) WITH ORDINALITY}): a whole batch in a fixed number of
     * bind values, whatever its size. Each column is named after a table column (or a name of its own).
     */
    static Rows rows(String alias, Column<?>... columns) {
        String placeholders = String.join(", ", IntStream.range(0, columns.length).mapToObj(i -> "{" + i + "}").toList());
        // named, so a statement rendered once can bind the next batch's arrays by name (ReusedStatement)
        Object[] arrays = Arrays.stream(columns).map(c -> DSL.param(parameter(alias, c), c.values())).toArray();
        String[] names = Stream.concat(Arrays.stream(columns).map(Column::name), Stream.of("ord")).toArray(String[]::new);
        return new Rows(DSL.table("unnest(" + placeholders + ") with ordinality", arrays).as(alias, names), alias);
    }

    /** The values of {@link #rows}'s columns by their parameters' names, to bind to a {@link ReusedStatement}. */
    static Map<String, Object> binds(String alias, Column<?>... columns) {
        Map<String, Object> binds = new HashMap<>();
        for (Column<?> column : columns) {
            binds.put(parameter(alias, column), column.values());
        }
        return binds;
    }

    private static String parameter(String alias, Column<?> column) {
        return alias + "_" + column.name();
    }

    /** The rows and typed references to their columns. */
    record Rows(Table<?> table, String alias) {
        /** The column named after {@code column}, of its type. */
        <T> Field<T> field(Field<T> column) {
            return DSL.field(DSL.name(alias, column.getName()), column.getDataType());
        }

        <T> Field<T> field(String name, Class<T> type) {
            return DSL.field(DSL.name(alias, name), type);
        }

        /** The row's position in the arrays, from 1. */
        Field<Long> ordinal() {
            return field("ord", Long.class);
        }
    }

    record Column<T>(String name, T[] values) {
    }

    /** A column named after {@code named} holding {@code value} of each item, in order. */
    static <E, T> Column<T> column(Field<?> named, List<E> items, Function<E, T> value, IntFunction<T[]> array) {
        return column(named.getName(), items, value, array);
    }

    static <E, T> Column<T> column(String name, List<E> items, Function<E, T> value, IntFunction<T[]> array) {
        T[] values = array.apply(items.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(items.get(i));
        }
        return new Column<>(name, values);
    }

    static <T> Column<T> column(Field<?> named, T[] values) {
        return new Column<>(named.getName(), values);
    }

    static <T> Column<T> column(String name, T[] values) {
        return new Column<>(name, values);
    }
}

package io.switchboard.publishing;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes planned posts with COPY as the planner hands them on, {@link #CHUNK} at a time, in the caller's transaction:
 * no list of them is kept. The planning runs while the COPY is open, so it must not use the database.
 */
final class PlannedPostsCopy {
    /** Posts sent to COPY at a time: what writing a plan holds as text at once. */
    private static final int CHUNK = 5000;

    private PlannedPostsCopy() {
    }

    /**
     * Runs {@code copy} ({@code COPY <table> (<columns>) FROM STDIN}) and {@code planning}, each post it hands on
     * written as one line by {@code line} (tab-separated, in COPY's text format, without the newline).
     */
    static void copy(DSLContext db, String copy, Consumer<Consumer<Plan.Post>> planning,
                     BiConsumer<StringBuilder, Plan.Post> line) {
        db.connection(connection -> {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            try {
                StringBuilder text = new StringBuilder();
                int[] rows = {0};
                planning.accept(post -> {
                    line.accept(text, post);
                    text.append('\n');
                    if (++rows[0] % CHUNK == 0) {
                        write(in, copy, text);
                    }
                });
                write(in, copy, text);
                in.endCopy();
            } catch (SQLException e) {
                throw translated(copy, e);
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
    }

    /** As a statement's failure reaches the caller: a Spring exception carrying PostgreSQL's message. */
    private static DataAccessException translated(String copy, SQLException e) {
        DataAccessException translated = new SQLStateSQLExceptionTranslator().translate("COPY", copy, e);
        return translated != null ? translated : new UncategorizedSQLException("COPY", copy, e);
    }

    /** The post's media as an array literal. */
    static String mediaIds(Plan.Post post) {
        return post.mediaIds().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** COPY's text format: a backslash, tab, newline or carriage return is escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void write(CopyIn in, String copy, StringBuilder text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw translated(copy, e);
        }
        text.setLength(0);
    }
}

package io.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 17 server per test JVM (the embedded one, with zonky's fast non-durable defaults), and a
 * fresh empty database in it for every test that needs one.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user and password: postgres). */
    public static String freshDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }
}

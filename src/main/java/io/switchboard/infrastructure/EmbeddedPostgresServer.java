package io.switchboard.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 17 server whose files live in a folder of ours and survive restarts. Durable by default:
 * the embedded library starts PostgreSQL with fsync off, which is fine for tests and wrong for data an
 * operator keeps. It asks for a password (scram-sha-256), generated at the first start and kept beside the
 * data folder readable by this user only: the embedded library's default, {@code trust}, would let any local
 * user or process on the machine connect as the superuser.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    static final String PASSWORD_FILE_SUFFIX = ".password";
    private static final String AUTH = "scram-sha-256";
    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    static EmbeddedPostgresServer start(EmbeddedDatabaseSettings settings) {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            stopServerLeftByDeadProcess(dataDir);
            Path passwordFile = passwordFile(dataDir);
            String password = password(passwordFile);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            String durable = settings.durable() ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (fresh) {
                // the library passes its "locale" settings to initdb as --name=value: the superuser gets its
                // password and every connection must give it, from the very first start
                builder.setLocaleConfig("auth", AUTH).setLocaleConfig("pwfile", passwordFile.toString());
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(settings.port())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable)
                    .setServerConfig("max_connections", "200")
                    .setConnectConfig("password", password)
                    .start();
            requirePassword(postgres, dataDir, password);
            log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {} (durable: {}). "
                            + "To use your own PostgreSQL instead, set SPRING_DATASOURCE_URL, "
                            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.",
                    postgres.getPort(), dataDir, settings.durable());
            return new EmbeddedPostgresServer(postgres, dataDir, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
                    + ": " + e.getMessage() + ". Check that the folder is writable and not used by another "
                    + "Switchboard, or set SPRING_DATASOURCE_URL to use your own PostgreSQL.", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, USER);
    }

    String password() {
        return password;
    }

    /** {@code data/postgres} keeps its password in {@code data/postgres.password}. */
    static Path passwordFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + PASSWORD_FILE_SUFFIX);
    }

    private static String password(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            PrivateFiles.create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        return Files.readString(file).strip();
    }

    /**
     * A data folder made before passwords (its pg_hba.conf says {@code trust}) gets the password now: set on the
     * superuser first, then required of every connection, then the configuration reloaded.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba);
        List<String> secured = lines.stream().map(EmbeddedPostgresServer::withoutTrust).toList();
        if (secured.equals(lines)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = '" + AUTH + "'");
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            Files.write(hba, secured);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded database's password: " + e.getMessage(), e);
        }
        log.info("The embedded PostgreSQL in {} now requires the password kept in {}", dataDir, passwordFile(dataDir));
    }

    private static String withoutTrust(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("#") || !trimmed.matches(".*\\strust$") ? line
                : line.substring(0, line.lastIndexOf("trust")) + AUTH;
    }

    /**
     * After a kill -9 of the JVM, its PostgreSQL keeps running and holds the data folder. The embedded
     * library's lock file tells whether a live process still owns the folder: if nobody holds it, the
     * server left behind is an orphan and is shut down cleanly before we start our own.
     */
    private static void stopServerLeftByDeadProcess(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || !ownerIsGone(dataDir)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim).filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isPresent()) {
            log.warn("A PostgreSQL (pid {}) left running by a Switchboard that died holds {}; shutting it down",
                    orphan.get().pid(), dataDir);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("the PostgreSQL left running (pid " + orphan.get().pid()
                        + ") did not stop; stop it by hand", e);
            }
        }
    }

    private static boolean ownerIsGone(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        }
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping the embedded PostgreSQL in {}", dataDir);
        postgres.close();
    }
}

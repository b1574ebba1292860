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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 17 server whose files live in a folder of ours and survive restarts. Durable by default:
 * the embedded library starts PostgreSQL with fsync off, which is fine for tests and wrong for data an
 * operator keeps.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static EmbeddedPostgresServer start(EmbeddedDatabaseSettings settings) {
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            stopServerLeftByDeadProcess(dataDir);
            String durable = settings.durable() ? "on" : "off";
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(settings.port())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable)
                    .setServerConfig("max_connections", "200")
                    .start();
            log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {} (durable: {}). "
                            + "To use your own PostgreSQL instead, set SPRING_DATASOURCE_URL, "
                            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.",
                    postgres.getPort(), dataDir, settings.durable());
            return new EmbeddedPostgresServer(postgres, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
                    + ": " + e.getMessage() + ". Check that the folder is writable and not used by another "
                    + "Switchboard, or set SPRING_DATASOURCE_URL to use your own PostgreSQL.", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, USER);
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

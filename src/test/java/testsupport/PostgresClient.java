package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pg_dump and pg_restore of PostgreSQL 17 or newer, as an admin runs them against the embedded PostgreSQL 17. The
 * embedded binaries have none and Debian 12's client (15) refuses a newer server, so: a {@code pg_dump} on the
 * PATH that is new enough, or Debian 13's {@code postgresql-client-17} in a root made with debootstrap at
 * {@link #ROOT} (.ci/run makes it), run with chroot.
 */
public final class PostgresClient {
    public static final Path ROOT = Path.of("/opt/pg-client-17");
    /** Debian's own binaries, not its wrapper script (which needs Perl in the root). */
    private static final String IN_ROOT = "/usr/lib/postgresql/17/bin/";
    private final List<String> prefix;

    private PostgresClient(List<String> prefix) {
        this.prefix = prefix;
    }

    public static PostgresClient find() {
        if (majorVersion(List.of("pg_dump")) >= 17) {
            return new PostgresClient(List.of());
        }
        List<String> chroot = List.of("chroot", ROOT.toString());
        if (Files.isDirectory(ROOT) && majorVersion(chroot(chroot, IN_ROOT + "pg_dump")) >= 17) {
            return new PostgresClient(chroot);
        }
        throw new IllegalStateException("No pg_dump 17 or newer: install postgresql-client-17 or make the root .ci/run "
                + "makes: debootstrap --variant=minbase --include=postgresql-client-17 trixie " + ROOT);
    }

    /** Dumps the database in pg_dump's custom format into {@code file}. */
    public void dump(int port, String database, Path file) {
        run(List.of("pg_dump", "--format=custom", "--host=127.0.0.1", "--port=" + port, "--username=postgres",
                "--dbname=" + database), null, file);
    }

    /** Restores a custom-format dump into an existing empty database. */
    public void restore(Path file, int port, String database) {
        run(List.of("pg_restore", "--exit-on-error", "--no-owner", "--host=127.0.0.1", "--port=" + port,
                "--username=postgres", "--dbname=" + database), file, null);
    }

    private void run(List<String> command, Path input, Path output) {
        try {
            Path errors = Files.createTempFile("pg-client", ".log");
            List<String> program = new ArrayList<>(command);
            if (!prefix.isEmpty()) {
                program.set(0, IN_ROOT + program.getFirst());
            }
            ProcessBuilder builder = new ProcessBuilder(chroot(prefix, program.toArray(String[]::new)))
                    .redirectError(errors.toFile());
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            if (output != null) {
                builder.redirectOutput(output.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed: " + Files.readString(errors));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> chroot(List<String> prefix, String... command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(command));
        return all;
    }

    private static int majorVersion(List<String> pgDump) {
        try {
            List<String> command = new ArrayList<>(pgDump);
            command.add("--version");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            var version = java.util.regex.Pattern.compile("\\) (\\d+)").matcher(out);
            return process.exitValue() == 0 && version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}

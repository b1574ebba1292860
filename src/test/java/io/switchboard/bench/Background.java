package io.switchboard.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What else ran on the machine while a page was timed, sampled every 50 ms from a connection of its own: the
 * benchmark's PostgreSQL processes' CPU by kind (client backends, autovacuum workers, checkpointer, ...), the tables
 * autovacuum worked on, the statements other than the pages' own that were running, checkpoints, and this JVM's
 * garbage collection, JIT compilation and CPU; the rest of the machine's CPU is the other processes' (Linux only:
 * read from {@code /proc}). One line per timed page, so a slow run says what it shared the machine with.
 */
final class Background implements AutoCloseable {
    private static final long TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

    private final Connection connection;
    private final int postmaster;
    private final Thread sampler;
    private volatile boolean running = true;
    private final Map<Integer, String> kinds = new HashMap<>();
    private final Map<Integer, long[]> cpu = new HashMap<>(); // pid -> {first ticks, last ticks}
    private final TreeSet<String> vacuumed = new TreeSet<>();
    private final TreeMap<String, Integer> statements = new TreeMap<>();
    private int autovacuumSamples;
    private int samples;
    private final long[] start;

    private Background(Connection connection) throws SQLException {
        this.connection = connection;
        int backend = single("SELECT pg_backend_pid()");
        this.postmaster = ppid(backend);
        kinds.put(backend, "this_sampler");
        this.start = now();
        sampleProcesses(true);
        this.sampler = Thread.ofPlatform().daemon().name("bench-background").start(this::run);
    }

    /** Starts watching; {@link #close()} stops and {@link #line()} says what was seen. */
    static Background watch(Supplier<Connection> connect) {
        try {
            return new Background(connect.get());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        while (running) {
            try {
                sample();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    System.err.println("bench-background: " + e);
                }
                return;
            }
        }
    }

    private synchronized void sample() throws SQLException {
        samples++;
        boolean vacuum = false;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT pid, backend_type, coalesce(state, ''), "
                     + "left(regexp_replace(coalesce(query, ''), '\\s+', ' ', 'g'), 90) FROM pg_stat_activity "
                     + "WHERE pid <> pg_backend_pid()")) {
            while (r.next()) {
                int pid = r.getInt(1);
                String kind = r.getString(2);
                kinds.put(pid, kind);
                if (kind.equals("autovacuum worker")) {
                    vacuum = true;
                    vacuumed.add(r.getString(4).replace("autovacuum: ", ""));
                } else if (kind.equals("client backend") && r.getString(3).equals("active")) {
                    statements.merge(r.getString(4), 1, Integer::sum);
                }
            }
        }
        if (vacuum) {
            autovacuumSamples++;
        }
        sampleProcesses(false);
    }

    /**
     * CPU ticks of every child of the benchmark's postmaster (the first sample is the baseline), found through the
     * postmaster's {@code children} file rather than by reading every process's stat file 20 times a second: that
     * scan ran in this JVM beside the pages timed, and its CPU and the JIT's compiling of it counted in their figures.
     */
    private void sampleProcesses(boolean baseline) {
        String children;
        try {
            children = Files.readString(Path.of("/proc", String.valueOf(postmaster), "task", String.valueOf(postmaster),
                    "children")).trim();
        } catch (IOException e) {
            return; // not Linux: no process figures
        }
        for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
            long[] stat = stat(Path.of("/proc", child, "stat"));
            if (stat != null) {
                cpu.compute(Integer.parseInt(child), (k, v) -> v == null ? new long[]{baseline ? stat[1] : 0, stat[1]}
                        : new long[]{v[0], stat[1]});
            }
        }
    }

    /** {ppid, utime + stime} of a /proc/<pid>/stat, or null when it is gone. */
    private static long[] stat(Path file) {
        try {
            String text = Files.readString(file);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int ppid(int pid) {
        long[] stat = stat(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat == null ? -1 : (int) stat[0];
    }

    /** {checkpoints, buffers written by checkpoints, GC ms, GC count, JIT ms, JVM CPU ns, machine busy ticks}. */
    private long[] now() throws SQLException {
        long[] checkpoints = new long[2];
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT num_timed + num_requested, buffers_written FROM pg_stat_checkpointer")) {
            if (r.next()) {
                checkpoints[0] = r.getLong(1);
                checkpoints[1] = r.getLong(2);
            }
        }
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long jvmCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new long[]{checkpoints[0], checkpoints[1], gcMillis, gcCount, jit, jvmCpu, machineBusyTicks()};
    }

    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private int single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** This JVM's garbage collection time so far, in ms (all collectors). */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                .sum();
    }

    /** This JVM's JIT compilation time so far, in ms. */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * CPU time of this JVM's JIT compiler threads so far, in ms, from {@code /proc/self/task} (0 elsewhere); a compiler
     * thread the JVM stops when idle takes its time with it, so read it over a busy window.
     */
    static long jitCpuMillis() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        long[] stat = stat(task.resolve("stat"));
                        ticks += stat == null ? 0 : stat[1];
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * TICK_MS;
    }

    /** How many 50 ms samples saw an autovacuum worker. */
    synchronized int autovacuumSamples() {
        return autovacuumSamples;
    }

    /**
     * {@code autovacuum_during_timing=<samples> autovacuum=[...] checkpoints=<n> checkpoint_buffers=<n> gc_ms=<n>
     * gc_count=<n> jit_ms=<n> jvm_cpu_ms=<n> pg_cpu_ms=<kind:ms,...> other_cpu_ms=<n> samples=<n> statements=[...]}
     * (statements: the 4 running most often, the pages' own among them, with how many samples saw them).
     */
    synchronized String line() {
        long[] end;
        try {
            end = now();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Long> pgCpu = new TreeMap<>();
        long pgTotal = 0;
        for (var e : cpu.entrySet()) {
            long ticks = e.getValue()[1] - e.getValue()[0];
            String kind = kinds.getOrDefault(e.getKey(), "exited");
            pgCpu.merge(kind.replace(' ', '_'), ticks * TICK_MS, Long::sum);
            pgTotal += ticks * TICK_MS;
        }
        long jvmCpu = (end[5] - start[5]) / 1_000_000;
        long machine = (end[6] - start[6]) * TICK_MS;
        String running = statements.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                .map(e -> e.getValue() + "x " + e.getKey()).collect(Collectors.joining(" | "));
        return String.format(Locale.ROOT, "autovacuum_during_timing=%d autovacuum=%s checkpoints=%d checkpoint_buffers=%d "
                        + "gc_ms=%d gc_count=%d jit_ms=%d jvm_cpu_ms=%d pg_cpu_ms=%s other_cpu_ms=%d samples=%d "
                        + "statements=[%s]",
                autovacuumSamples, vacuumed, end[0] - start[0], end[1] - start[1], end[2] - start[2], end[3] - start[3],
                end[4] - start[4], jvmCpu, pgCpu.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")),
                Math.max(0, machine - jvmCpu - pgTotal), samples, running);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}

package io.switchboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM (the application and the benchmark's own Java side) and of its child processes by kind
 * (Chromium's processes, Playwright's Node driver, PostgreSQL's), from /proc: what a page load cost the machine,
 * which a loaded machine changes much less than it changes a wall-clock time. A child that exits between two
 * readings loses its share.
 */
final class ProcessCpu {
    private static final double MS_PER_TICK = 10; // USER_HZ is 100 on Linux

    private final long jvmNanos;
    private final Map<Long, Long> ticksByPid;
    private final Map<Long, String> kindByPid;

    private ProcessCpu(long jvmNanos, Map<Long, Long> ticksByPid, Map<Long, String> kindByPid) {
        this.jvmNanos = jvmNanos;
        this.ticksByPid = ticksByPid;
        this.kindByPid = kindByPid;
    }

    static ProcessCpu now() {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, String> kinds = new HashMap<>();
        ProcessHandle.current().descendants().forEach(child -> {
            long pid = child.pid();
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // utime, stime
                // Chromium's children rewrite their command line into one string: split it again
                String[] arguments = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("[\\s\\x00]+");
                kinds.put(pid, kind(child.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse(comm),
                        arguments));
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        });
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new ProcessCpu(jvm, ticks, kinds);
    }

    private static String kind(String comm, String[] arguments) {
        if (comm.startsWith("chrom")) {
            for (String argument : arguments) {
                if (argument.startsWith("--type=")) {
                    String type = argument.substring("--type=".length());
                    if (type.equals("utility")) {
                        for (String other : arguments) {
                            if (other.startsWith("--utility-sub-type=")) {
                                return "chromium_" + other.substring(other.lastIndexOf('.') + 1).replace('-', '_');
                            }
                        }
                    }
                    return "chromium_" + type.replace('-', '_');
                }
            }
            return "chromium_browser";
        }
        if (comm.startsWith("node") || comm.startsWith("playwright")) {
            return "playwright";
        }
        if (comm.startsWith("postgres")) {
            return "postgres";
        }
        return "other";
    }

    /** {@code cpu_ms_per_load_<kind>=…} for the JVM and each kind of child, from this reading to now over {@code loads}. */
    String perLoadSince(int loads) {
        ProcessCpu later = now();
        Map<String, Double> ms = new TreeMap<>();
        ms.put("jvm", (later.jvmNanos - jvmNanos) / 1e6);
        later.ticksByPid.forEach((pid, ticks) -> ms.merge(later.kindByPid.get(pid),
                (ticks - ticksByPid.getOrDefault(pid, 0L)) * MS_PER_TICK, Double::sum));
        StringBuilder line = new StringBuilder();
        ms.forEach((kind, total) -> line.append(line.isEmpty() ? "" : " ").append("cpu_ms_per_load_").append(kind)
                .append('=').append(Math.round(total / loads)));
        return line.toString();
    }
}

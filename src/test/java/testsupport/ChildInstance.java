package testsupport;

import io.switchboard.testing.AppInstance;

import java.util.Arrays;
import java.util.List;

/**
 * A Switchboard instance in a JVM of its own, for tests that kill it with SIGKILL or stop it with SIGTERM (it
 * then stops as the application does, through Spring's shutdown hook). Arguments: the JDBC URL, then properties. Probes print "PROBE start|end &lt;task&gt; &lt;attempt&gt;" on standard output, and
 * "READY &lt;port&gt;" once the instance serves.
 */
public final class ChildInstance {
    private ChildInstance() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("probe.print", "true");
        System.setProperty(AppInstance.SHUTDOWN_HOOK, "true");
        AppInstance instance = AppInstance.start(args[0], List.of(ProbeTasks.class),
                Arrays.copyOfRange(args, 1, args.length));
        System.out.println("READY " + instance.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * Waits until the child serves (a cold JVM starting a whole application took over 5 minutes at load 33 on
     * the 2-core machine) and returns its HTTP port; fails at once if it exited.
     */
    public static int awaitReady(Process child, java.nio.file.Path output) {
        java.util.regex.Pattern ready = java.util.regex.Pattern.compile("^READY (\\d+)$", java.util.regex.Pattern.MULTILINE);
        long start = System.nanoTime();
        long deadline = start + java.time.Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            String log = read(output);
            java.util.regex.Matcher matcher = ready.matcher(log);
            if (matcher.find()) {
                // what the tests that start children spend their time on, in the build's log
                System.out.printf("Child instance %d served after %d s of waiting%n", child.pid(),
                        java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds());
                return Integer.parseInt(matcher.group(1));
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child instance exited with " + child.exitValue() + ":\n" + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the child instance did not serve within 10 minutes:\n" + read(output));
    }

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Starts a child instance with this JVM's class path; its output goes to {@code output}. */
    public static Process start(String jdbcUrl, java.nio.file.Path output, String... properties) throws java.io.IOException {
        // a quick start on a busy machine: the C1 compiler only, one GC thread
        return start(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), jdbcUrl, output, properties);
    }

    /** Starts a child instance with these JVM options (a benchmark wants the full JIT), as {@link #start}. */
    public static Process start(List<String> jvmOptions, String jdbcUrl, java.nio.file.Path output,
                                String... properties) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildInstance.class.getName(), jdbcUrl));
        command.addAll(List.of(properties));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}

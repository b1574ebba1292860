package testsupport;

import io.switchboard.testing.AppInstance;

import java.util.Arrays;
import java.util.List;

/**
 * A Switchboard instance in a JVM of its own, for tests that kill it with SIGKILL. Arguments: the JDBC URL,
 * then properties. Probes print "PROBE start|end &lt;task&gt; &lt;attempt&gt;" on standard output, and
 * "READY" once the instance serves.
 */
public final class ChildInstance {
    private ChildInstance() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("probe.print", "true");
        AppInstance.start(args[0], List.of(ProbeTasks.class), Arrays.copyOfRange(args, 1, args.length));
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts a child instance with this JVM's class path; its output goes to {@code output}. */
    public static Process start(String jdbcUrl, java.nio.file.Path output, String... properties) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildInstance.class.getName(), jdbcUrl));
        command.addAll(List.of(properties));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}

package testsupport;

import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A no-op task kind for benchmarks: the handler only notes, per task, how often it ran and when it started
 * (arrays indexed by task id from {@link #expect}), so it costs next to nothing itself.
 */
@Configuration(proxyBeanMethods = false)
public class BenchTasks {
    public static final TaskKind<Noop> NOOP = TaskKind.of("bench.noop", Noop.class);
    private static volatile long firstId;
    private static volatile AtomicIntegerArray runs = new AtomicIntegerArray(0);
    private static volatile AtomicLongArray startedNanos = new AtomicLongArray(0);
    private static final java.util.concurrent.atomic.LongAdder HANDLED = new java.util.concurrent.atomic.LongAdder();

    public record Noop(int n) {
    }

    /** Prepares to record tasks with ids {@code firstId .. firstId + count - 1}. */
    public static void expect(long firstId, int count) {
        BenchTasks.firstId = firstId;
        runs = new AtomicIntegerArray(count);
        startedNanos = new AtomicLongArray(count);
    }

    public static int runs(int index) {
        return runs.get(index);
    }

    /** How many runs the handler has finished in this JVM, every task counted (a benchmark's wait reads it). */
    public static long handled() {
        return HANDLED.sum();
    }

    public static long startedNanos(int index) {
        return startedNanos.get(index);
    }

    @Bean
    TaskHandler<Noop> noopHandler() {
        return new TaskHandler<>() {
            @Override
            public TaskKind<Noop> kind() {
                return NOOP;
            }

            @Override
            public Outcome handle(Noop payload, TaskContext context) {
                int index = (int) (context.taskId() - firstId);
                if (index >= 0 && index < runs.length()) {
                    startedNanos.compareAndSet(index, 0, System.nanoTime());
                    runs.incrementAndGet(index);
                }
                HANDLED.increment();
                return Outcome.completed();
            }
        };
    }
}

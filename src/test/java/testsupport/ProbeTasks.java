package testsupport;

import io.switchboard.infrastructure.InstanceIdentity;
import io.switchboard.tasks.GroupFinished;
import io.switchboard.tasks.Outcome;
import io.switchboard.tasks.TaskContext;
import io.switchboard.tasks.TaskHandler;
import io.switchboard.tasks.TaskKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A task kind for tests, added to an instance only when a test asks for it (it lives outside the
 * application's packages, so component scanning never finds it). What a probe does is set per scenario by
 * the test; every run is recorded here, across all instances in this JVM: which task, which attempt, on
 * which instance, and whether two runs with the same key ever overlapped.
 */
@Configuration(proxyBeanMethods = false)
public class ProbeTasks {
    public static final TaskKind<Probe> PROBE = TaskKind.of("test.probe", Probe.class);
    private static final Map<String, BiFunction<Probe, TaskContext, Outcome>> BEHAVIOURS = new ConcurrentHashMap<>();
    private static final Map<Long, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ACTIVE_PER_KEY = new ConcurrentHashMap<>();
    private static final Queue<String> OVERLAPS = new ConcurrentLinkedQueue<>();
    private static final Queue<Run> LOG = new ConcurrentLinkedQueue<>();
    private static final Queue<GroupFinished> FINISHED_GROUPS = new ConcurrentLinkedQueue<>();
    /** A scenario known in every JVM (a child instance too): runs until its lease is lost or it is interrupted. */
    public static final String UNTIL_STOPPED = "until-stopped";
    public static final BiFunction<Probe, TaskContext, Outcome> RUN_UNTIL_STOPPED = (probe, context) -> {
        while (context.leaseHeld() && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Outcome.failed("stopped");
    };

    static {
        BEHAVIOURS.put(UNTIL_STOPPED, RUN_UNTIL_STOPPED);
    }

    /** @param key a tag to detect overlaps with (usually the task's concurrency key), or "" */
    public record Probe(String scenario, String key, long sleepMillis) {
        public static Probe of(String scenario) {
            return new Probe(scenario, "", 0);
        }
    }

    public record Run(long taskId, int attempt, String instance, long startNanos, long endNanos) {
    }

    /** Forgets every run: task ids repeat across test databases, so each test class starts afresh. */
    public static void reset() {
        RUNS.clear();
        ACTIVE_PER_KEY.clear();
        OVERLAPS.clear();
        LOG.clear();
        FINISHED_GROUPS.clear();
    }

    public static void behave(String scenario, BiFunction<Probe, TaskContext, Outcome> behaviour) {
        BEHAVIOURS.put(scenario, behaviour);
    }

    public static int runs(long taskId) {
        AtomicInteger count = RUNS.get(taskId);
        return count == null ? 0 : count.get();
    }

    public static Map<Long, AtomicInteger> allRuns() {
        return RUNS;
    }

    public static List<String> overlaps() {
        return List.copyOf(OVERLAPS);
    }

    public static List<Run> log() {
        return List.copyOf(LOG);
    }

    public static List<GroupFinished> finishedGroups() {
        return List.copyOf(FINISHED_GROUPS);
    }

    /** Records every group finished, as a module listening for it would see it. */
    @EventListener
    void on(GroupFinished event) {
        FINISHED_GROUPS.add(event);
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    @Bean
    TaskHandler<Probe> probeHandler(InstanceIdentity instance) {
        return new TaskHandler<>() {
            @Override
            public TaskKind<Probe> kind() {
                return PROBE;
            }

            @Override
            public Outcome handle(Probe probe, TaskContext context) throws Exception {
                long start = System.nanoTime();
                RUNS.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
                if (Boolean.getBoolean("probe.print")) {
                    print("PROBE start " + context.taskId() + " " + context.attempt());
                }
                AtomicInteger active = probe.key().isEmpty() ? null
                        : ACTIVE_PER_KEY.computeIfAbsent(probe.key(), k -> new AtomicInteger());
                if (active != null && active.incrementAndGet() > 1) {
                    OVERLAPS.add(probe.key() + " at task " + context.taskId());
                }
                try {
                    if (probe.sleepMillis() > 0) {
                        Thread.sleep(probe.sleepMillis());
                    }
                    var behaviour = BEHAVIOURS.get(probe.scenario());
                    Outcome outcome = behaviour == null ? Outcome.completed() : behaviour.apply(probe, context);
                    if (Boolean.getBoolean("probe.print")) {
                        // a run interrupted because its instance stops did not finish: it is handed back, its
                        // outcome discarded. An endless run may see its lease taken for the hand-back a moment
                        // before the interrupt reaches it: it stopped too, it did not finish.
                        boolean stopped = Thread.currentThread().isInterrupted()
                                || UNTIL_STOPPED.equals(probe.scenario()) && !context.leaseHeld();
                        print((stopped ? "PROBE stopped " : "PROBE end ") + context.taskId() + " " + context.attempt());
                    }
                    return outcome;
                } finally {
                    if (active != null) {
                        active.decrementAndGet();
                    }
                    LOG.add(new Run(context.taskId(), context.attempt(), instance.shortId(), start, System.nanoTime()));
                }
            }
        };
    }
}

package testsupport;

import io.switchboard.tasks.TaskDetail;
import io.switchboard.tasks.TaskState;
import io.switchboard.tasks.Tasks;

import java.time.Duration;

/** Waiting for the engine in tests: poll until the expectation holds or a generous deadline passes. */
public final class TaskWaits {
    private TaskWaits() {
    }

    public static TaskDetail awaitState(Tasks tasks, long id, TaskState state) {
        return awaitState(tasks, id, state, Duration.ofSeconds(20));
    }

    public static TaskDetail awaitState(Tasks tasks, long id, TaskState state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TaskDetail last = null;
        while (System.nanoTime() < deadline) {
            last = tasks.detail(id).orElse(null);
            if (last != null && last.task().state() == state) {
                return last;
            }
            pause(10);
        }
        throw new AssertionError("task " + id + " did not reach " + state + " within " + timeout + "; it is "
                + (last == null ? "gone" : last.task().state() + " (attempt " + last.task().attempt() + ", error "
                + last.task().lastError() + ")"));
    }

    public static void eventually(Runnable assertion) {
        eventually(Duration.ofSeconds(20), assertion);
    }

    public static void eventually(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause(20);
            }
        }
    }

    /** Sleeps, turning an interrupt into a failure of the test (keeping the thread's interrupt flag). */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

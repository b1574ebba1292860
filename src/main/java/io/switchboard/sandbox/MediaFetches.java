package io.switchboard.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The sandbox fetching containers' media, as Meta does on its own for every container it makes: the instance that
 * made the container starts fetching it the moment the container is committed, on a virtual thread of its own, not
 * through the task queue. Before, every fetch was a {@code sandbox.fetch} task: the queue's slots (16 an instance in
 * the burst benchmark) and its claims were an emulation's limit that the platform does not have, and thousands of
 * containers made in one minute waited minutes in that queue. A fetch holds no database connection while it
 * downloads; the probe that may follow has its own bound ({@link MediaChecker}). {@value #AT_ONCE} fetches run at
 * once on an instance (each may hold a file of up to 300 MB in a temporary file); more wait their turn.
 *
 * <p>A fetch lost with its instance (stopped or killed before it finished) is started again by the next look at
 * the container's status on any instance once it has been waiting {@link #STALLED}: longer than a fetch may take.
 */
@Component
@Conditional(SandboxEnabled.class)
class MediaFetches {
    /** The download's own timeout (60 s) and the connect timeout, with a margin. */
    static final Duration STALLED = Duration.ofSeconds(90);
    static final int AT_ONCE = 16;
    private static final Logger log = LoggerFactory.getLogger(MediaFetches.class);
    private final ContainerStore containers;
    private final MediaIntake intake;
    private final Semaphore slots = new Semaphore(AT_ONCE);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    MediaFetches(ContainerStore containers, MediaIntake intake) {
        this.containers = containers;
        this.intake = intake;
    }

    /** Fetches the container's media once the transaction that made it (if any) has committed. */
    void afterCommit(long containerId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    start(containerId);
                }
            });
        } else {
            start(containerId);
        }
    }

    /** Fetches the container's media here when its fetch was lost: not checked long after it was made. */
    void resumeIfStalled(SandboxContainer container, OffsetDateTime now) {
        if (container.checkedAt() == null && container.mediaUrl() != null
                && !now.isBefore(container.createdAt().plus(STALLED))) {
            start(container.id());
        }
    }

    /** Fetches on this instance now, unless this instance fetches that container already. */
    void start(long containerId) {
        if (!inFlight.add(containerId)) {
            return;
        }
        Thread.ofVirtual().name("sandbox-fetch-" + containerId).start(() -> {
            try {
                slots.acquire();
                try {
                    var container = containers.byId(containerId);
                    if (container.isPresent() && container.get().checkedAt() == null
                            && container.get().mediaUrl() != null) {
                        intake.fetch(container.get());
                    }
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // the container stays IN_PROGRESS; a look at its status after STALLED fetches it again
                log.warn("The sandbox could not fetch the media of container {}: {}", containerId, e.toString());
            } finally {
                inFlight.remove(containerId);
            }
        });
    }
}

package io.switchboard.infrastructure;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event listeners run on virtual threads, each holding a database connection while it runs: a burst of events
 * (10,000 posts published in a minute) must not start a listener each, all waiting for the pool beside the tasks'
 * heartbeats. The product's own limit (application.yml) holds, and every event is still delivered.
 */
class EventListenerLimitTest {
    private static final int EVENTS = 24;
    private static final AtomicInteger running = new AtomicInteger();
    private static final AtomicInteger most = new AtomicInteger();
    private static final AtomicInteger delivered = new AtomicInteger();

    /** An event of this test's own; its listener stays long enough for the next ones to pile up. */
    public record Nudge(int number) {
    }

    @Component
    static class SlowListener {
        @ApplicationModuleListener
        void on(Nudge nudge) throws InterruptedException {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } finally {
                running.decrementAndGet();
                delivered.incrementAndGet();
            }
        }
    }

    @Test
    void a_burst_of_events_runs_at_most_the_limit_of_listeners_at_once_and_every_event_is_delivered() {
        try (AppInstance app = AppInstance.start(TestPostgres.freshDatabase(), List.of(SlowListener.class))) {
            int limit = app.bean(org.springframework.core.env.Environment.class)
                    .getRequiredProperty("spring.task.execution.simple.concurrency-limit", Integer.class);
            assertThat(limit).isEqualTo(8);

            app.bean(TransactionTemplate.class).executeWithoutResult(status -> {
                for (int i = 0; i < EVENTS; i++) {
                    app.context().publishEvent(new Nudge(i));
                }
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == EVENTS);
            assertThat(most.get()).as("listeners at once").isLessThanOrEqualTo(limit).isGreaterThan(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.bean(DSLContext.class)
                    .fetchCount(app.bean(DSLContext.class).selectFrom("event_publication")
                            .where("completion_date IS NULL and serialized_event LIKE '%\"number\"%'")) == 0);
        }
    }
}

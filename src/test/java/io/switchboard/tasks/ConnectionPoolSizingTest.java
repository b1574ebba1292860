package io.switchboard.tasks;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection pool is sized from the queues this instance works, unless the admin set it. */
class ConnectionPoolSizingTest {

    @Test
    void an_unset_pool_holds_a_connection_per_task_at_once_plus_the_engine_and_the_web() {
        var environment = new MockEnvironment()
                .withProperty("switchboard.tasks.queues.publishing", "16")
                .withProperty("switchboard.tasks.queues.media", "2")
                .withProperty("switchboard.tasks.default-concurrency", "8");

        // 16 + 2, the default queue's 8, 5 for the engine, 10 for the web
        assertThat(sized(environment)).isEqualTo(41);
    }

    @Test
    void a_web_only_instance_needs_the_web_and_the_listener() {
        assertThat(sized(new MockEnvironment().withProperty("switchboard.tasks.workers", "false"))).isEqualTo(12);
    }

    @Test
    void a_pool_set_by_the_admin_is_kept() {
        assertThat(sized(new MockEnvironment().withProperty("spring.datasource.hikari.maximum-pool-size", "8")))
                .isEqualTo(8);
        assertThat(sized(new MockEnvironment().withProperty("SWITCHBOARD_DB_POOL_SIZE", "30"))).isEqualTo(30);
    }

    private static int sized(MockEnvironment environment) {
        var sizing = new ConnectionPoolSizing();
        sizing.setEnvironment(environment);
        try (HikariDataSource pool = new HikariDataSource()) {
            if (environment.containsProperty("spring.datasource.hikari.maximum-pool-size")) {
                pool.setMaximumPoolSize(Integer.parseInt(environment.getProperty("spring.datasource.hikari.maximum-pool-size")));
            }
            sizing.postProcessAfterInitialization(pool, "dataSource");
            return pool.getMaximumPoolSize();
        }
    }
}

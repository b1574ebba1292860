package io.switchboard.tasks;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sizes the database connection pool from what this instance runs: one connection for every task that may run
 * at once (the sum of the queue concurrencies), {@value #ENGINE} for the engine's own work (heartbeats, claims,
 * outcomes, promotion, the notification listener) and {@value #WEB} for pages and the API. A pool set smaller
 * by the admin is kept, with a warning at start: starved of connections, heartbeats wait, leases lapse and
 * tasks stop and run again.
 */
@Component
class ConnectionPoolSizing implements BeanPostProcessor, EnvironmentAware {
    static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    static final String POOL_SIZE_ENV = "SWITCHBOARD_DB_POOL_SIZE";
    static final int ENGINE = 5;
    static final int WEB = 10;
    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolSizing.class);
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            size(pool);
        }
        return bean;
    }

    private void size(HikariDataSource pool) {
        int required = required(Binder.get(environment).bindOrCreate("switchboard.tasks", TaskSettings.class));
        Integer configured = environment.getProperty(POOL_SIZE, Integer.class,
                environment.getProperty(POOL_SIZE_ENV, Integer.class, 0));
        if (configured <= 0) {
            pool.setMaximumPoolSize(required);
            log.info("Database connection pool: {} connections (tasks at once, engine {}, web {})", required,
                    ENGINE, WEB);
            return;
        }
        pool.setMaximumPoolSize(configured);
        if (configured < required) {
            log.warn("The database connection pool has {} connections, fewer than the {} this instance may use at "
                    + "once (the sum of its queue concurrencies, {} for the task engine, {} for the web): "
                    + "heartbeats may wait for a connection and leases lapse under load. Raise {} or lower "
                    + "switchboard.tasks.queues.*", configured, required, ENGINE, WEB, POOL_SIZE_ENV);
        }
    }

    /** Connections this instance may use at once. */
    static int required(TaskSettings settings) {
        if (!settings.workers()) {
            return 2 + WEB;
        }
        int tasks = settings.queues().values().stream().mapToInt(Integer::intValue).sum();
        if (!settings.queues().containsKey(TaskRequest.DEFAULT_QUEUE)) {
            tasks += settings.defaultConcurrency();
        }
        return tasks + ENGINE + WEB;
    }
}

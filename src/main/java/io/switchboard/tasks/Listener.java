package io.switchboard.tasks;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Listens on one dedicated connection for the engine's notifications and passes them on: "queue has work"
 * to the engine, "tasks changed" to whoever subscribed (live pages). Reconnects after a failure; while it
 * is down, polling keeps everything working, only slower.
 */
@Component
class Listener {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private final DataSource dataSource;
    private final List<Runnable> changeSubscribers = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> onWork = queue -> { };
    private volatile boolean running;
    private Thread thread;

    Listener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onChange(Runnable subscriber) {
        changeSubscribers.add(subscriber);
    }

    void start(Consumer<String> onWork) {
        this.onWork = onWork;
        running = true;
        thread = Thread.ofPlatform().name("task-listener").daemon().start(this::loop);
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Notifier.WAKE_CHANNEL);
                    statement.execute("LISTEN " + Notifier.CHANGE_CHANNEL);
                }
                if (failures > 0) {
                    log.info("Listening for task notifications again");
                }
                failures = 0;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        deliver(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                log.warn("Task notifications interrupted ({}); polling meanwhile, reconnecting", e.getMessage());
                try {
                    Thread.sleep(Math.min(10_000, 200L << Math.min(failures, 6)));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void deliver(PGNotification[] notifications) {
        boolean changed = false;
        for (PGNotification notification : notifications) {
            if (Notifier.WAKE_CHANNEL.equals(notification.getName())) {
                onWork.accept(notification.getParameter());
            } else {
                changed = true;
            }
        }
        if (changed) {
            for (Runnable subscriber : changeSubscribers) {
                try {
                    subscriber.run();
                } catch (RuntimeException e) {
                    log.warn("A task change subscriber failed: {}", e.getMessage());
                }
            }
        }
    }
}

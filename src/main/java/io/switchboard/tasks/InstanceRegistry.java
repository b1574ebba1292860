package io.switchboard.tasks;

import io.switchboard.infrastructure.InstanceIdentity;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static switchboard.jooq.Tables.INSTANCE;

/**
 * Keeps this instance's row in the registry: inserted at start, heartbeated while running, marked stopped on
 * a clean shutdown. Reading the registry classifies every instance on the database clock.
 */
@Component
class InstanceRegistry implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InstanceRegistry.class);
    private final DSLContext db;
    private final InstanceIdentity identity;
    private final InstanceSettings settings;
    private volatile boolean running;

    InstanceRegistry(DSLContext db, InstanceIdentity identity, InstanceSettings settings) {
        this.db = db;
        this.identity = identity;
        this.settings = settings;
    }

    @Override
    public void start() {
        db.insertInto(INSTANCE)
                .set(INSTANCE.ID, identity.id())
                .set(INSTANCE.HOST, identity.host())
                .set(INSTANCE.VERSION, identity.version())
                .execute();
        running = true;
        log.info("Instance {} registered (host {}, version {})", identity.shortId(), identity.host(),
                identity.version());
    }

    @Override
    public void stop() {
        running = false;
        db.update(INSTANCE).set(INSTANCE.STOPPED_AT, currentOffsetDateTime())
                .where(INSTANCE.ID.eq(identity.id())).execute();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server and the runners, so the registry says "live" while they still work. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    void heartbeat(int runningTasks, List<String> queues) {
        if (!running) {
            return;
        }
        int updated = db.update(INSTANCE)
                .set(INSTANCE.HEARTBEAT_AT, currentOffsetDateTime())
                .set(INSTANCE.RUNNING, runningTasks)
                .set(INSTANCE.QUEUES, queues.toArray(String[]::new))
                .where(INSTANCE.ID.eq(identity.id()))
                .execute();
        if (updated == 0) {
            log.warn("Instance {} was missing from the registry (removed as lost?); registering it again",
                    identity.shortId());
            start();
        }
    }

    /** Removes instances silent (or stopped) for longer than the forget-after setting; returns how many. */
    int forgetGone() {
        return db.deleteFrom(INSTANCE)
                .where(INSTANCE.HEARTBEAT_AT.lt(ago(settings.forgetAfter())))
                .execute();
    }

    List<InstanceView> all() {
        Field<OffsetDateTime> now = currentOffsetDateTime();
        Field<Double> heartbeatAge = epochSeconds(now, INSTANCE.HEARTBEAT_AT);
        Field<Double> uptime = epochSeconds(DSL.coalesce(INSTANCE.STOPPED_AT, now), INSTANCE.STARTED_AT);
        Field<Boolean> lost = DSL.field(INSTANCE.HEARTBEAT_AT.lt(ago(settings.lostAfter()))).as("lost");
        return db.select(INSTANCE.asterisk(), heartbeatAge, uptime, lost)
                .from(INSTANCE)
                .orderBy(INSTANCE.STARTED_AT)
                .fetch(r -> new InstanceView(r.get(INSTANCE.ID), r.get(INSTANCE.HOST), r.get(INSTANCE.VERSION),
                        r.get(INSTANCE.STARTED_AT), r.get(INSTANCE.HEARTBEAT_AT), seconds(r.get(heartbeatAge)),
                        seconds(r.get(uptime)),
                        r.get(INSTANCE.STOPPED_AT) != null ? InstanceStatus.STOPPED
                                : Boolean.TRUE.equals(r.get(lost))
                                ? InstanceStatus.LOST : InstanceStatus.LIVE,
                        Arrays.asList(r.get(INSTANCE.QUEUES)), r.get(INSTANCE.RUNNING),
                        r.get(INSTANCE.ID).equals(identity.id())));
    }

    private static Field<OffsetDateTime> ago(Duration duration) {
        return DSL.field("now() - make_interval(secs => {0})", OffsetDateTime.class,
                inline(duration.toMillis() / 1000.0));
    }

    private static Field<Double> epochSeconds(Field<OffsetDateTime> later, Field<OffsetDateTime> earlier) {
        return DSL.field("extract(epoch from ({0} - {1}))", Double.class, later, earlier);
    }

    private static Duration seconds(Double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}

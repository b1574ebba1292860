package io.switchboard.identity;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Spring Session writes a session's row at the end of every request only to move its last access time, and requests
 * of one browser (a page, its live updates, the stream it closes) then queue on that row's lock: in the pages
 * benchmark at full scale, updates of the one session waited 11-77 ms each in bursts. The row is now written when
 * something in it changed (its id, principal, timeout) or its last access is {@link #ACCESS_STEP} old (or a hundredth
 * of the idle timeout, if that is shorter); otherwise the update matches no row and neither writes nor waits. A session
 * therefore expires at most that much before its full idle timeout (8 hours by default). Attributes are saved as
 * before, by their own statements.
 */
@Component
final class SessionWrites implements BeanPostProcessor {
    static final Duration ACCESS_STEP = Duration.ofMinutes(1);

    /** Spring Session binds the same six values in this order; each is named once in {@code v} to be used twice. */
    static final String UPDATE = """
            UPDATE %TABLE_NAME% AS s
            SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
                MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
                PRINCIPAL_NAME = v.principal_name
            FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access_time,
                         CAST(? AS INT) AS max_inactive_interval, CAST(? AS BIGINT) AS expiry_time,
                         CAST(? AS VARCHAR(100)) AS principal_name, CAST(? AS CHAR(36)) AS primary_id) AS v
            WHERE s.PRIMARY_ID = v.primary_id
              AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
                   OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
                   OR s.LAST_ACCESS_TIME <= v.last_access_time - LEAST(ACCESS_STEP_MS, v.max_inactive_interval * 10))
            """.replace("ACCESS_STEP_MS", String.valueOf(ACCESS_STEP.toMillis()));

    /** After Spring Boot's customizer, whose table name would put the default query back. */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JdbcIndexedSessionRepository repository) {
            repository.setUpdateSessionQuery(UPDATE);
        }
        return bean;
    }
}

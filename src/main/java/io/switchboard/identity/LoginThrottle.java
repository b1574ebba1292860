package io.switchboard.identity;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts sign-in attempts in PostgreSQL, so every instance sees the same counts, per (username, client address),
 * per client address and per username from anywhere. An attempt is counted <em>before</em> its password is
 * checked, by one upsert that also says whether it may go ahead: N guesses sent at once count as N, and only
 * those below the delay threshold reach bcrypt. A right password gives its attempt back. Times come from the
 * database clock.
 */
@Component
class LoginThrottle {
    private static final String RESERVE_TEMPLATE = """
            INSERT INTO login_throttle AS t (scope, subject, failures, free_failures, first_delay_s, max_delay_s,
                                             last_attempt_at, next_allowed_at, refused)
            SELECT v.scope, v.subject, 1, v.free, v.first_s, v.max_s, now(), %1$s, FALSE
            FROM (VALUES %2$s) AS v(scope, subject, free, first_s, max_s)
            ON CONFLICT (scope, subject) DO UPDATE SET
                refused = t.next_allowed_at > now(),
                failures = %3$s,
                free_failures = excluded.free_failures,
                first_delay_s = excluded.first_delay_s,
                max_delay_s = excluded.max_delay_s,
                last_attempt_at = now(),
                next_allowed_at = CASE WHEN t.next_allowed_at > now() THEN t.next_allowed_at ELSE %4$s END
            RETURNING scope, failures, free_failures, refused,
                      extract(epoch FROM greatest(next_allowed_at - now(), interval '0'))
            """;
    /** The next-attempt time of a row without a delay: long past, never "now" (see {@link #nextAllowed}). */
    private static final String NEVER = "timestamptz '1970-01-01 00:00:00+00'";
    private final DSLContext db;
    private final IdentitySettings settings;
    /** The upsert with its VALUES rows left as {@code %s}. */
    private final String reserve;

    LoginThrottle(DSLContext db, IdentitySettings settings) {
        this.db = db;
        this.settings = settings;
        String count = "(CASE WHEN t.last_attempt_at < now() - make_interval(secs => "
                + settings.failuresKept().toSeconds() + ") THEN 1 ELSE t.failures + 1 END)";
        this.reserve = RESERVE_TEMPLATE.formatted(nextAllowed("1", "v.free", "v.first_s", "v.max_s", NEVER), "%s",
                count, nextAllowed(count, "excluded.free_failures", "excluded.first_delay_s", "excluded.max_delay_s",
                        "t.next_allowed_at"));
    }

    /** What one counted attempt may do; {@link #refused} ones must not check the password. */
    record Reservation(boolean refused, Duration retryIn, boolean wholeUsername, List<String> delaysStarted) {
    }

    /** Counts an attempt for the username from the address and says whether it may check the password. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Reservation reserve(String username, String address) {
        List<Object> binds = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        row(rows, binds, "pair", pair(username, address), settings.freeFailures(), settings.firstDelay(),
                settings.maxDelay());
        row(rows, binds, "address", address, settings.addressFreeFailures(), settings.firstDelay(), settings.maxDelay());
        if (settings.usernameLockAfter() > 0) {
            row(rows, binds, "username", username, settings.usernameLockAfter(), settings.maxDelay(),
                    settings.maxDelay());
        }
        boolean refused = false;
        boolean wholeUsername = false;
        double wait = 0;
        List<String> delaysStarted = new ArrayList<>();
        for (var r : db.resultQuery(reserve.formatted(String.join(", ", rows)), binds.toArray()).fetch()) {
            String scope = r.get(0, String.class);
            boolean rowRefused = r.get(3, Boolean.class);
            if (rowRefused) {
                refused = true;
                wholeUsername |= scope.equals("username");
                wait = Math.max(wait, r.get(4, Double.class));
            } else if (r.get(1, Integer.class).equals(r.get(2, Integer.class))) {
                delaysStarted.add(scope);
            }
        }
        return new Reservation(refused, Duration.ofMillis(Math.round(wait * 1000)), wholeUsername, delaysStarted);
    }

    /** The password was right (or never checked): the attempt is given back and the pair's count cleared. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void giveBack(String username, String address) {
        db.query("DELETE FROM login_throttle WHERE scope = 'pair' AND subject = ?", pair(username, address)).execute();
        db.query("""
                UPDATE login_throttle SET failures = greatest(failures - 1, 0),
                    next_allowed_at = CASE WHEN failures - 1 < free_failures THEN %s ELSE next_allowed_at END
                WHERE (scope = 'address' AND subject = ?) OR (scope = 'username' AND subject = ?)
                """.formatted(NEVER), address, username).execute();
    }

    /** Forgets every count of the username (an admin reset its password). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void forget(String username) {
        db.query("DELETE FROM login_throttle WHERE (scope = 'username' AND subject = ?) "
                + "OR (scope = 'pair' AND starts_with(subject, ?))", username, username + " ").execute();
    }

    /** Deletes counts nobody added to for longer than they are kept; returns how many. */
    int prune() {
        return db.query("DELETE FROM login_throttle WHERE last_attempt_at < now() - make_interval(secs => ?) "
                + "AND next_allowed_at < now()", settings.failuresKept().toSeconds()).execute();
    }

    private static void row(List<String> rows, List<Object> binds, String scope, String subject, int free,
                            Duration firstDelay, Duration maxDelay) {
        rows.add("(?::text, ?::text, ?::int, ?::int, ?::int)");
        binds.add(scope);
        binds.add(subject);
        binds.add(free);
        binds.add(seconds(firstDelay));
        binds.add(seconds(maxDelay));
    }

    private static int seconds(Duration duration) {
        return (int) Math.clamp(duration.toSeconds(), 1, Integer.MAX_VALUE);
    }

    private static String pair(String username, String address) {
        return username + " " + address;
    }

    /**
     * When the next attempt may come after this many failures: unchanged below the free failures (a row without a
     * delay keeps a time long past, so attempts racing each other never see one), then now plus the first delay
     * doubling per failure, at most the longest.
     */
    private static String nextAllowed(String failures, String free, String firstSeconds, String maxSeconds,
                                      String unchanged) {
        return "(CASE WHEN " + failures + " < " + free + " THEN " + unchanged + " ELSE now() + make_interval(secs => "
                + "least(" + maxSeconds + ", " + firstSeconds + " * power(2, least(" + failures + " - " + free
                + ", 30)))) END)";
    }
}

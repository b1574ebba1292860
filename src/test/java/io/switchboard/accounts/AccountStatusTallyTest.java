package io.switchboard.accounts;

import io.switchboard.publishing.PublishingFixture;
import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SignedIn;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts' status counts (Overview, accounts page) come from the tally the database keeps with every change of
 * an account (V200): they must equal a count of the accounts after inserts, status changes one by one from many
 * connections and in bulk, deletes and folding, and the Overview must say so.
 */
class AccountStatusTallyTest {
    private static AppInstance app;
    private static DSLContext db;

    @BeforeAll
    static void start() {
        app = AppInstance.start(TestPostgres.freshDatabase());
        db = app.bean(DSLContext.class);
        SignedIn.as("tally-setup", "ADMIN");
        try {
            new PublishingFixture(app).accounts(2, "statustally");
        } finally {
            SignedIn.out();
        }
        db.execute("INSERT INTO account (platform, platform_user_id, username, name, status, token_ciphertext, "
                + "token_key_id, connected_via) SELECT 'INSTAGRAM', 'tally-' || n, 'tally_' || n, 'Tally ' || n, "
                + "(ARRAY['ACTIVE', 'NEEDS_RECONNECT', 'RESTRICTED', 'DISABLED'])[1 + n % 4], a.token_ciphertext, "
                + "a.token_key_id, 'SANDBOX' FROM generate_series(1, 300) n, "
                + "(SELECT token_ciphertext, token_key_id FROM account ORDER BY id LIMIT 1) a");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void statusCountsEqualTheAccountsAfterEveryKindOfChangeAndTheOverviewSaysSo() throws Exception {
        assertCountsAreTheAccounts();
        List<Long> ids = db.fetch("SELECT id FROM account WHERE username LIKE 'tally_%' ORDER BY id").getValues(0, Long.class);
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < ids.size(); i += 8) {
                        String status = List.of("RESTRICTED", "ACTIVE", "NEEDS_RECONNECT").get(i % 3);
                        long id = ids.get(i);
                        db.transaction(tx -> tx.dsl().execute("UPDATE account SET status = ? WHERE id = ?", status, id));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertCountsAreTheAccounts();
        db.execute("UPDATE account SET status = 'DISABLED' WHERE status = 'RESTRICTED' AND id % 2 = 0");
        db.execute("UPDATE account SET name = name || '.'");
        db.execute("DELETE FROM account WHERE username LIKE 'tally_%' AND id % 7 = 0");
        assertCountsAreTheAccounts();
        int before = db.fetchCount(switchboard.jooq.Tables.ACCOUNT_STATUS_TALLY);
        app.bean(AccountRepository.class).foldStatusTally();
        assertThat(db.fetchCount(switchboard.jooq.Tables.ACCOUNT_STATUS_TALLY)).as("one row per status after folding")
                .isLessThan(before).isEqualTo(((Number) db.fetchValue("SELECT count(DISTINCT status) FROM account"))
                        .intValue());
        assertCountsAreTheAccounts();

        db.execute("UPDATE account SET status = 'NEEDS_RECONNECT' WHERE username LIKE 'tally_%' AND id % 5 = 0");
        assertThat(Operators.admin(app).get(app.url("/")).body()).contains("id=\"count-reconnect\">"
                + app.bean(Accounts.class).statusCounts().get(AccountStatus.NEEDS_RECONNECT) + "<");
        assertCountsAreTheAccounts();
    }

    private static void assertCountsAreTheAccounts() {
        Map<AccountStatus, Integer> counted = new EnumMap<>(AccountStatus.class);
        for (AccountStatus status : AccountStatus.values()) {
            counted.put(status, 0);
        }
        db.fetch("SELECT status, count(*)::int FROM account GROUP BY status")
                .forEach(r -> counted.put(AccountStatus.valueOf(r.get(0, String.class)), r.get(1, Integer.class)));
        assertThat(counted.get(AccountStatus.NEEDS_RECONNECT)).isPositive();
        assertThat(new EnumMap<>(app.bean(Accounts.class).statusCounts())).isEqualTo(counted);
    }
}

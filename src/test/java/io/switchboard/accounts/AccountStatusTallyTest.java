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
 * The accounts' status counts (Overview, accounts page) and tag counts (the accounts page's tag filter) come from the
 * tallies the database keeps with every change of an account (V200) and of a tag (V201): they must equal a count of
 * the accounts and tags after inserts, changes one by one from many connections and in bulk, deletes (cascaded too)
 * and folding, and the Overview must say so.
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

    @Test
    void tagCountsEqualTheTagsAfterEveryKindOfChange() {
        db.execute("INSERT INTO account_tag (account_id, tag) SELECT id, 'team-' || (id % 5) FROM account "
                + "WHERE username LIKE 'tally_%'");
        assertTagsAreTheTags();
        db.execute("UPDATE account_tag SET tag = 'team-9' WHERE tag = 'team-1'");
        db.execute("DELETE FROM account_tag WHERE tag = 'team-2' AND account_id % 3 = 0");
        db.execute("INSERT INTO account_tag (account_id, tag) SELECT id, 'late' FROM account WHERE id % 4 = 0");
        assertTagsAreTheTags();
        // removing an account removes its tags (ON DELETE CASCADE): they leave the counts too
        db.execute("DELETE FROM account WHERE username LIKE 'tally_%' AND id % 11 = 0");
        db.execute("DELETE FROM account_tag WHERE tag = 'team-3'");
        assertTagsAreTheTags();
        assertThat(app.bean(Accounts.class).tags()).doesNotContainKey("team-3").doesNotContainKey("team-1");
        app.bean(AccountRepository.class).foldTagTally();
        assertThat(db.fetchCount(switchboard.jooq.Tables.ACCOUNT_TAG_TALLY)).as("one row per tag in use after folding")
                .isEqualTo(((Number) db.fetchValue("SELECT count(DISTINCT tag) FROM account_tag")).intValue());
        assertTagsAreTheTags();
    }

    private static void assertTagsAreTheTags() {
        Map<String, Integer> counted = new java.util.LinkedHashMap<>();
        db.fetch("SELECT tag, count(*)::int FROM account_tag GROUP BY tag ORDER BY tag")
                .forEach(r -> counted.put(r.get(0, String.class), r.get(1, Integer.class)));
        assertThat(counted).hasSizeGreaterThan(3);
        assertThat(app.bean(Accounts.class).tags()).containsExactlyEntriesOf(counted);
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

package io.switchboard.identity;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;
import static switchboard.jooq.Tables.OPERATOR;

@Repository
class OperatorRepository {
    private final DSLContext db;

    OperatorRepository(DSLContext db) {
        this.db = db;
    }

    record Credentials(Operator operator, String passwordHash) {
    }

    List<Operator> all() {
        return db.selectFrom(OPERATOR).orderBy(OPERATOR.USERNAME).fetch(OperatorRepository::toOperator);
    }

    Optional<Operator> byId(long id) {
        return db.selectFrom(OPERATOR).where(OPERATOR.ID.eq(id)).fetchOptional(OperatorRepository::toOperator);
    }

    Optional<Credentials> credentials(String username) {
        return db.selectFrom(OPERATOR).where(OPERATOR.USERNAME.eq(username))
                .fetchOptional(r -> new Credentials(toOperator(r), r.getPasswordHash()));
    }

    boolean exists(String username) {
        return db.fetchExists(OPERATOR, OPERATOR.USERNAME.eq(username));
    }

    long insert(String username, String passwordHash, Role role) {
        return db.insertInto(OPERATOR)
                .set(OPERATOR.USERNAME, username)
                .set(OPERATOR.PASSWORD_HASH, passwordHash)
                .set(OPERATOR.ROLE, role.name())
                .returning(OPERATOR.ID)
                .fetchSingle(OPERATOR.ID);
    }

    /** Inserts the first operator only while there is none; safe when several instances start at once. */
    boolean insertIfNoOperators(String username, String passwordHash, Role role) {
        return db.insertInto(OPERATOR, OPERATOR.USERNAME, OPERATOR.PASSWORD_HASH, OPERATOR.ROLE)
                .select(db.select(val(username), val(passwordHash),
                                val(role.name()))
                        .where(notExists(selectOne().from(OPERATOR))))
                .onConflict(OPERATOR.USERNAME).doNothing()
                .execute() == 1;
    }

    void updateRole(long id, Role role) {
        db.update(OPERATOR).set(OPERATOR.ROLE, role.name()).where(OPERATOR.ID.eq(id)).execute();
    }

    void updateEnabled(long id, boolean enabled) {
        db.update(OPERATOR).set(OPERATOR.ENABLED, enabled).where(OPERATOR.ID.eq(id)).execute();
    }

    void updatePasswordHash(long id, String passwordHash) {
        db.update(OPERATOR).set(OPERATOR.PASSWORD_HASH, passwordHash).where(OPERATOR.ID.eq(id)).execute();
    }

    void touchLastLogin(String username) {
        db.update(OPERATOR).set(OPERATOR.LAST_LOGIN_AT, currentOffsetDateTime())
                .where(OPERATOR.USERNAME.eq(username)).execute();
    }

    /** Enabled admins, locked in this transaction so two demotions cannot both leave zero. */
    int lockEnabledAdmins() {
        return db.select(OPERATOR.ID).from(OPERATOR)
                .where(OPERATOR.ROLE.eq(Role.ADMIN.name()).and(OPERATOR.ENABLED))
                .forUpdate().fetch().size();
    }

    Map<Role, Integer> countByRole() {
        return db.select(OPERATOR.ROLE, count()).from(OPERATOR).where(OPERATOR.ENABLED).groupBy(OPERATOR.ROLE)
                .fetch().stream()
                .collect(Collectors.toMap(r -> Role.valueOf(r.value1()), r -> r.value2()));
    }

    private static Operator toOperator(Record r) {
        return new Operator(r.get(OPERATOR.ID), r.get(OPERATOR.USERNAME), Role.valueOf(r.get(OPERATOR.ROLE)),
                r.get(OPERATOR.ENABLED), r.get(OPERATOR.CREATED_AT), r.get(OPERATOR.LAST_LOGIN_AT));
    }
}

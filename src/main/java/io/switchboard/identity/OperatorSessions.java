package io.switchboard.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends an operator's sessions on every instance: sessions live in PostgreSQL, indexed by principal name (Spring
 * Session's {@link FindByIndexNameSessionRepository}), and every request reads its session from there, so a
 * deleted session is gone everywhere at the next request. Inside a transaction it waits for the commit, so the
 * change that ends them (a disabled operator, a new role or password) is in force before anyone signs in again.
 */
@Component
class OperatorSessions {
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    OperatorSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    void endAll(String username) {
        endExcept(username, null);
    }

    /** Ends every session of the operator except {@code keep} (the one changing its own password). */
    void endExcept(String username, @Nullable String keep) {
        Runnable end = () -> sessions.findByPrincipalName(username).keySet().stream()
                .filter(id -> !id.equals(keep))
                .forEach(sessions::deleteById);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    end.run();
                }
            });
        } else {
            end.run();
        }
    }
}

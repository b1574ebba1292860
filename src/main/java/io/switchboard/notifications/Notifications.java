package io.switchboard.notifications;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static switchboard.jooq.Tables.NOTIFICATION;

/** The operators' in-app notifications: each reads only their own. */
@Service
public class Notifications {
    static final int SHOWN = 50;
    private final DSLContext db;

    Notifications(DSLContext db) {
        this.db = db;
    }

    public int unread(String operator) {
        return db.fetchCount(NOTIFICATION, NOTIFICATION.OPERATOR.eq(operator).and(NOTIFICATION.READ_AT.isNull()));
    }

    public List<Notification> latest(String operator) {
        return db.selectFrom(NOTIFICATION).where(NOTIFICATION.OPERATOR.eq(operator)).orderBy(NOTIFICATION.ID.desc())
                .limit(SHOWN).fetch(r -> new Notification(r.getId(), r.getText(), r.getLink(), r.getCreatedAt(), r.getReadAt()));
    }

    @Transactional
    public void markAllRead(String operator) {
        db.update(NOTIFICATION).set(NOTIFICATION.READ_AT, currentOffsetDateTime())
                .where(NOTIFICATION.OPERATOR.eq(operator).and(NOTIFICATION.READ_AT.isNull())).execute();
    }

    void tell(Collection<String> operators, String text, String link) {
        operators.forEach(operator -> db.insertInto(NOTIFICATION).set(NOTIFICATION.OPERATOR, operator)
                .set(NOTIFICATION.TEXT, text).set(NOTIFICATION.LINK, link).execute());
    }
}

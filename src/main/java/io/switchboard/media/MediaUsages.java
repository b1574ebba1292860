package io.switchboard.media;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import static switchboard.jooq.Tables.MEDIA_USAGE;

/** Who holds which media item (scheduled posts); a held item cannot be deleted. */
@Repository
class MediaUsages {
    private final DSLContext db;

    MediaUsages(DSLContext db) {
        this.db = db;
    }

    void hold(long mediaId, String holder) {
        db.insertInto(MEDIA_USAGE, MEDIA_USAGE.MEDIA_ID, MEDIA_USAGE.HOLDER).values(mediaId, holder)
                .onConflictDoNothing().execute();
    }

    int release(String holder) {
        return db.deleteFrom(MEDIA_USAGE).where(MEDIA_USAGE.HOLDER.eq(holder)).execute();
    }

    Map<Long, List<String>> holders(Collection<Long> mediaIds) {
        return db.select(MEDIA_USAGE.MEDIA_ID, MEDIA_USAGE.HOLDER).from(MEDIA_USAGE)
                .where(MEDIA_USAGE.MEDIA_ID.in(mediaIds))
                .orderBy(MEDIA_USAGE.HOLDER)
                .fetchGroups(MEDIA_USAGE.MEDIA_ID, MEDIA_USAGE.HOLDER);
    }
}

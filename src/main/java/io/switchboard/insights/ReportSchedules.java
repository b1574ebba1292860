package io.switchboard.insights;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static switchboard.jooq.Tables.INSIGHT_REPORT_FILE;
import static switchboard.jooq.Tables.INSIGHT_REPORT_SCHEDULE;

/** Scheduled reports and the files made for them. */
@Repository
class ReportSchedules {
    private final DSLContext db;

    ReportSchedules(DSLContext db) {
        this.db = db;
    }

    long add(String name, @Nullable String tag, String every, OffsetDateTime nextAt, String actor) {
        return db.insertInto(INSIGHT_REPORT_SCHEDULE).set(INSIGHT_REPORT_SCHEDULE.NAME, name)
                .set(INSIGHT_REPORT_SCHEDULE.TAG, tag).set(INSIGHT_REPORT_SCHEDULE.EVERY, every)
                .set(INSIGHT_REPORT_SCHEDULE.NEXT_AT, nextAt).set(INSIGHT_REPORT_SCHEDULE.CREATED_BY, actor)
                .returning(INSIGHT_REPORT_SCHEDULE.ID).fetchSingle(INSIGHT_REPORT_SCHEDULE.ID);
    }

    List<ReportSchedule> all(int limit) {
        return db.selectFrom(INSIGHT_REPORT_SCHEDULE).orderBy(INSIGHT_REPORT_SCHEDULE.ID.desc()).limit(limit)
                .fetch(r -> new ReportSchedule(r.getId(), r.getName(), r.getTag(), r.getEvery(), r.getNextAt(),
                        r.getCreatedBy(), files(r.getId())));
    }

    Optional<ReportSchedule> find(long scheduleId) {
        return db.selectFrom(INSIGHT_REPORT_SCHEDULE).where(INSIGHT_REPORT_SCHEDULE.ID.eq(scheduleId))
                .fetchOptional(r -> new ReportSchedule(r.getId(), r.getName(), r.getTag(), r.getEvery(), r.getNextAt(),
                        r.getCreatedBy(), files(r.getId())));
    }

    int fileCount(long scheduleId) {
        return db.fetchCount(INSIGHT_REPORT_FILE, INSIGHT_REPORT_FILE.SCHEDULE_ID.eq(scheduleId));
    }

    /** The due schedules, locked until the caller's transaction ends (another instance skips them). */
    List<ReportSchedule> due(OffsetDateTime now) {
        return db.selectFrom(INSIGHT_REPORT_SCHEDULE).where(INSIGHT_REPORT_SCHEDULE.NEXT_AT.le(now))
                .orderBy(INSIGHT_REPORT_SCHEDULE.NEXT_AT).limit(100).forUpdate().skipLocked()
                .fetch(r -> new ReportSchedule(r.getId(), r.getName(), r.getTag(), r.getEvery(), r.getNextAt(),
                        r.getCreatedBy(), List.of()));
    }

    private List<ReportSchedule.File> files(long scheduleId) {
        return db.select(INSIGHT_REPORT_FILE.ID, INSIGHT_REPORT_FILE.PERIOD_FROM, INSIGHT_REPORT_FILE.PERIOD_TO,
                        org.jooq.impl.DSL.field("octet_length({0})", Integer.class, INSIGHT_REPORT_FILE.PDF), INSIGHT_REPORT_FILE.CREATED_AT)
                .from(INSIGHT_REPORT_FILE).where(INSIGHT_REPORT_FILE.SCHEDULE_ID.eq(scheduleId))
                .orderBy(INSIGHT_REPORT_FILE.CREATED_AT.desc()).limit(12)
                .fetch(r -> new ReportSchedule.File(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Stores the file and moves the schedule on (the schedule is locked by {@link #due}). */
    boolean made(long scheduleId, OffsetDateTime nextAt, LocalDate from, LocalDate to, byte[] pdf) {
        int moved = db.update(INSIGHT_REPORT_SCHEDULE).set(INSIGHT_REPORT_SCHEDULE.NEXT_AT, nextAt)
                .where(INSIGHT_REPORT_SCHEDULE.ID.eq(scheduleId)).execute();
        if (moved == 0) {
            return false;
        }
        db.insertInto(INSIGHT_REPORT_FILE).set(INSIGHT_REPORT_FILE.SCHEDULE_ID, scheduleId)
                .set(INSIGHT_REPORT_FILE.PERIOD_FROM, from).set(INSIGHT_REPORT_FILE.PERIOD_TO, to)
                .set(INSIGHT_REPORT_FILE.PDF, pdf).execute();
        return true;
    }

    Optional<byte[]> pdf(long fileId) {
        return db.select(INSIGHT_REPORT_FILE.PDF).from(INSIGHT_REPORT_FILE).where(INSIGHT_REPORT_FILE.ID.eq(fileId))
                .fetchOptional(INSIGHT_REPORT_FILE.PDF);
    }

    int delete(long scheduleId) {
        return db.deleteFrom(INSIGHT_REPORT_SCHEDULE).where(INSIGHT_REPORT_SCHEDULE.ID.eq(scheduleId)).execute();
    }
}

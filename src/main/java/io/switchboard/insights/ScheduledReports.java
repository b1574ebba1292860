package io.switchboard.insights;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * Reports made every week or month as PDFs and kept for download: a weekly report covers Monday to Sunday and is made
 * early on the Monday after (UTC), a monthly one covers the month before and is made on the first.
 */
@Service
public class ScheduledReports {
    private static final Logger log = LoggerFactory.getLogger(ScheduledReports.class);
    private static final String OPERATOR = "hasAnyRole('ADMIN', 'OPERATOR')";
    private final ReportSchedules schedules;
    private final ReportFiles files;
    private final Clock clock;

    ScheduledReports(ReportSchedules schedules, ReportFiles files, ObjectProvider<Clock> clock) {
        this.schedules = schedules;
        this.files = files;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Schedules a report; the first is made at the start of the next week or month. */
    @Transactional
    @PreAuthorize(OPERATOR)
    public long schedule(String name, @Nullable String tag, String every, String actor) {
        if (!every.equals("week") && !every.equals("month")) {
            throw new IllegalArgumentException("A report is made every week or every month");
        }
        return schedules.add(name.strip(), tag == null || tag.isBlank() ? null : tag.strip(), every,
                next(every, LocalDate.now(clock)), actor);
    }

    @Transactional
    @PreAuthorize(OPERATOR)
    public boolean remove(long scheduleId) {
        return schedules.delete(scheduleId) > 0;
    }

    @Transactional(readOnly = true)
    public Optional<ReportSchedule> find(long scheduleId) {
        return schedules.find(scheduleId);
    }

    /** How many files were made for the schedule (all of them, not only the latest shown). */
    @Transactional(readOnly = true)
    public int fileCount(long scheduleId) {
        return schedules.fileCount(scheduleId);
    }

    @Transactional(readOnly = true)
    public List<ReportSchedule> all() {
        return schedules.all(50);
    }

    @Transactional(readOnly = true)
    public Optional<byte[]> pdf(long fileId) {
        return schedules.pdf(fileId);
    }

    @Scheduled(fixedDelayString = "${switchboard.insights.reports-interval:15m}", initialDelayString = "PT1M")
    @SchedulerLock(name = "insights.reports", lockAtMostFor = "PT30M")
    void run() {
        makeDue();
    }

    /** Makes every due report; returns how many were made. */
    @Transactional
    public int makeDue() {
        int made = 0;
        for (ReportSchedule schedule : schedules.due(OffsetDateTime.now(clock))) {
            LocalDate end = schedule.nextAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().minusDays(1);
            LocalDate start = schedule.every().equals("week") ? end.minusDays(6) : end.withDayOfMonth(1);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            files.pdf(new ReportFilter(schedule.tag(), start, end), pdf);
            if (schedules.made(schedule.id(), next(schedule.every(), end.plusDays(1)), start, end,
                    pdf.toByteArray())) {
                made++;
                log.info("Report '{}' made for {} to {}", schedule.name(), start, end);
            }
        }
        return made;
    }

    /** The start of the next week (Monday) or month after {@code day}, at 01:00 UTC. */
    static OffsetDateTime next(String every, LocalDate day) {
        LocalDate date = every.equals("week") ? day.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                : day.with(TemporalAdjusters.firstDayOfNextMonth());
        return date.atTime(1, 0).atOffset(ZoneOffset.UTC);
    }
}

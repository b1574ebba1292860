package io.switchboard.dashboard;

import io.switchboard.accounts.AccountFilter;
import io.switchboard.accounts.Accounts;
import io.switchboard.infrastructure.Problem;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.RenditionKind;
import io.switchboard.publishing.CalendarPost;
import io.switchboard.publishing.Campaigns;
import io.switchboard.publishing.PostCalendar;
import io.switchboard.publishing.PostChanges;
import io.switchboard.publishing.PostStatus;
import io.switchboard.publishing.PostType;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One calendar across every campaign and account (month, week, day; filters in the URL; the viewer's time zone),
 * and moving a post by dropping it on another day or hour: checked like the plan, refused in place with the reason.
 */
@Controller
class CalendarController {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private final PostCalendar calendar;
    private final PostChanges changes;
    private final Accounts accounts;
    private final Campaigns campaigns;
    private final MediaLibrary media;
    private final Clock clock;

    CalendarController(PostCalendar calendar, PostChanges changes, Accounts accounts, Campaigns campaigns,
                       MediaLibrary media, ObjectProvider<Clock> clock) {
        this.calendar = calendar;
        this.changes = changes;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.media = media;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A post on the calendar with what the page needs besides: its time in the viewer's zone, account, thumbnail. */
    record Shown(CalendarPost post, String time, LocalTime localTime, String username, @Nullable String thumbnail) {
        public String stateClass() {
            return "post-" + post.status().name().toLowerCase(Locale.ROOT);
        }
    }

    /** A day cell: its date, whether it lies in the month shown, its first posts, how many more it has. */
    record Cell(LocalDate date, boolean inMonth, boolean today, List<Shown> posts, int more) {
        /** Every post of the day that the filters let through, shown or not. */
        public int total() {
            return posts.size() + more;
        }
    }

    @GetMapping("/calendar")
    String calendar(@RequestParam(required = false) @Nullable String view,
                    @RequestParam(required = false) @Nullable String date,
                    @RequestParam(required = false) @Nullable String zone,
                    @RequestParam(required = false) @Nullable String account,
                    @RequestParam(required = false) @Nullable String tag,
                    @RequestParam(required = false) @Nullable Long campaign,
                    @RequestParam(required = false) @Nullable String type,
                    @RequestParam(name = "state", required = false) @Nullable List<String> states,
                    Model model, HttpServletResponse response) {
        response.setHeader("Vary", "HX-Request");
        CalendarView v = CalendarView.of(view, date, zone, account, tag, campaign, type, states,
                LocalDate.now(clock.withZone(zoneOr(zone))));
        Collection<Long> accountIds = v.account().isBlank() && v.tag().isBlank() ? null
                : accounts.ids(new AccountFilter(null, v.tag().isBlank() ? null : v.tag(),
                v.account().isBlank() ? null : v.account().replaceFirst("^@", ""), null));
        var days = calendar.days(new PostCalendar.Query(v.first().atStartOfDay(v.zone()).toInstant(),
                v.end().atStartOfDay(v.zone()).toInstant(), v.zone(), accountIds, v.campaign(), v.type(), v.states(),
                v.perDay()));
        List<Long> shownAccounts = days.values().stream().flatMap(d -> d.posts().stream()).map(CalendarPost::accountId)
                .distinct().toList();
        Map<Long, String> usernames = accounts.usernames(shownAccounts);
        Map<Long, String> thumbnails = media.pagePaths(days.values().stream().flatMap(d -> d.posts().stream())
                .map(p -> p.mediaIds().getFirst()).collect(java.util.stream.Collectors.toSet()), RenditionKind.ICON);
        LocalDate today = LocalDate.now(clock.withZone(v.zone()));
        List<Cell> cells = new ArrayList<>();
        for (LocalDate d = v.first(); d.isBefore(v.end()); d = d.plusDays(1)) {
            var day = days.get(d);
            List<Shown> shown = day == null ? List.of() : day.posts().stream().map(p -> new Shown(p,
                    HOUR.format(p.scheduledAt().atZoneSameInstant(v.zone())),
                    p.scheduledAt().atZoneSameInstant(v.zone()).toLocalTime(),
                    usernames.getOrDefault(p.accountId(), "removed account"),
                    thumbnails.get(p.mediaIds().getFirst())))
                    .toList();
            cells.add(new Cell(d, !v.view().equals("month") || d.getMonth() == v.date().getMonth(), d.equals(today), shown,
                    day == null ? 0 : day.more()));
        }
        model.addAttribute("v", v);
        model.addAttribute("todayLink", v.link(null, today));
        model.addAttribute("cells", cells);
        model.addAttribute("hours", java.util.stream.IntStream.range(0, 24).boxed().toList());
        model.addAttribute("campaignChoices", campaigns.choices(100));
        model.addAttribute("types", PostType.values());
        model.addAttribute("statuses", PostStatus.values());
        model.addAttribute("calTitle", title(v));
        return "calendar";
    }

    /**
     * A post dropped on another day (keeping its time of day) or hour of the day view (keeping its minutes), or moved
     * by the keyboard's form: saved, or answered on the same calendar with the reason beside the post.
     */
    @PostMapping("/calendar/move")
    String move(@RequestParam long post, @RequestParam String date, @RequestParam String time,
                @RequestParam String zone, @RequestParam(defaultValue = "/calendar") String back,
                RedirectAttributes redirect) {
        String target = back.startsWith("/calendar") ? back : "/calendar";
        try {
            ZoneId z = ZoneId.of(zone);
            Instant at = LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(z).toInstant();
            var moved = changes.move(post, at);
            redirect.addFlashAttribute("notice", "Moved to " + HOUR.format(moved.scheduledAt().atZoneSameInstant(z))
                    + " on " + moved.scheduledAt().atZoneSameInstant(z).toLocalDate() + " (" + z.getId() + ").");
            redirect.addFlashAttribute("movedPost", post);
        } catch (Problem refused) {
            redirect.addFlashAttribute("problem", "Not moved: " + refused.getMessage());
            redirect.addFlashAttribute("refusedPost", post);
            redirect.addFlashAttribute("refusal", refused.getMessage());
        } catch (DateTimeException | IllegalArgumentException unreadable) {
            redirect.addFlashAttribute("problem", "Not moved: the day, time or zone could not be read.");
            redirect.addFlashAttribute("refusedPost", post);
        }
        return "redirect:" + target;
    }

    private static ZoneId zoneOr(@Nullable String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static String title(CalendarView v) {
        var month = v.date().getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
        return switch (v.view()) {
            case "month" -> month + " " + v.date().getYear();
            case "week" -> "Week of " + v.first() + " to " + v.end().minusDays(1);
            default -> v.date().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " "
                    + v.date().getDayOfMonth() + " " + month + " " + v.date().getYear();
        };
    }
}

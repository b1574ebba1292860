package io.switchboard.dashboard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * The IANA time zones operators choose from: the regions (Europe/Berlin), without the legacy aliases (US/Pacific,
 * Etc/GMT+5), each with its offset now. A page's zone field carries an empty {@code <datalist id="time-zones">}
 * that fetches {@code /time-zones} once, when a zone field is first focused: the ~600 options are not in every
 * page, and the browser keeps the list until the next offset change of any zone (a DST switch), so a label's offset
 * is never older than the rules. Without script the field is a plain text field that the server checks.
 */
@Controller
class TimeZones {
    static final String PATH = "/time-zones";
    private static final Duration LONGEST_KEPT = Duration.ofDays(1);
    private static final List<String> REGIONS = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.matches("(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
            .sorted().toList();

    private final Clock clock;

    TimeZones(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A zone and how it reads in the list: "Europe/Berlin (UTC+01:00)". Public for the templates. */
    public record Choice(String id, String label) {
    }

    @GetMapping(PATH)
    String list(org.springframework.ui.Model model, HttpServletResponse response) {
        Instant now = clock.instant();
        model.addAttribute("zones", choices(now));
        response.setHeader(HttpHeaders.CACHE_CONTROL,
                CacheControl.maxAge(keptFor(now)).cachePrivate().getHeaderValue());
        return "fragments/forms :: zone-list";
    }

    static List<Choice> choices(Instant now) {
        List<Choice> choices = new ArrayList<>(REGIONS.size() + 1);
        choices.add(new Choice("UTC", "UTC"));
        for (String id : REGIONS) {
            ZoneOffset offset = ZoneId.of(id).getRules().getOffset(now);
            choices.add(new Choice(id, "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId())));
        }
        return choices;
    }

    /** Until the first offset change of any listed zone (at most a day): the labels hold until then. */
    static Duration keptFor(Instant now) {
        Instant until = now.plus(LONGEST_KEPT);
        for (String id : REGIONS) {
            ZoneOffsetTransition next = ZoneId.of(id).getRules().nextTransition(now);
            if (next != null && next.getInstant().isBefore(until)) {
                until = next.getInstant();
            }
        }
        return Duration.between(now, until);
    }
}

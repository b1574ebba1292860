package io.switchboard.dashboard;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The IANA time zones operators choose from (as {@code @timeZones} in templates): the regions (Europe/Berlin),
 * without the legacy aliases (US/Pacific, Etc/GMT+5), each with its offset now.
 */
@Component("timeZones")
class TimeZones {
    private static final List<String> REGIONS = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.matches("(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
            .sorted().toList();

    /** A zone and how it reads in the list: "Europe/Berlin (UTC+01:00)". Public for the templates. */
    public record Choice(String id, String label) {
    }

    public List<Choice> choices() {
        Instant now = Instant.now();
        List<Choice> choices = new java.util.ArrayList<>(REGIONS.size() + 1);
        choices.add(new Choice("UTC", "UTC"));
        for (String id : REGIONS) {
            ZoneOffset offset = ZoneId.of(id).getRules().getOffset(now);
            choices.add(new Choice(id, "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId())));
        }
        return choices;
    }
}

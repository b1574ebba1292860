package io.switchboard.dashboard;

import io.switchboard.publishing.Assignment;
import io.switchboard.publishing.CampaignSpec;
import io.switchboard.publishing.CaptionStrategy;
import io.switchboard.publishing.InstagramOptions;
import io.switchboard.publishing.TikTokOptions;
import io.switchboard.publishing.PostOptions;
import io.switchboard.publishing.PostType;
import io.switchboard.publishing.Schedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The campaign form as the browser sends it (every field a string, so a wrong value comes back with an
 * error beside it instead of a failed request); public for the templates. Lengths are capped by Bean Validation,
 * everything else is read by {@link #toSpec}.
 *
 * @param shareToFeed a Boolean, not a boolean: a post without the field (no browser's) must still bind, or the form
 *                    could not be shown again
 * @param startAt   a date and time as typed, in {@code startZone}; empty: when it is launched
 * @param startZone the IANA time zone {@code startAt} is in
 */
public record CampaignForm(@Nullable @Size(max = MAX_NAME, message = "Shorten the name to at most {max} characters.")
                           String name,
                           @Nullable List<Long> accounts, @Nullable String accountTag,
                           @Nullable List<Long> media, @Nullable String postType, @Nullable Boolean shareToFeed,
                           @Nullable String coverOffsetSeconds, @Nullable String carouselSize, @Nullable String captionMode,
                           @Nullable @Size(max = MAX_CAPTION, message = "Shorten the template to at most {max} characters: the platform's caption limit.")
                           String template,
                           @Nullable @Size(max = MAX_ROTATION, message = "Shorten the captions to at most {max} characters in all.")
                           String rotation,
                           @Nullable @Size(max = MAX_HASHTAGS, message = "Shorten the hashtag sets to at most {max} characters in all.")
                           String hashtagSets,
                           @Nullable String assignment, @Nullable String perAccount,
                           @Nullable String startAt, @Nullable String startZone, @Nullable String spacingMinutes,
                           @Nullable String windowStart, @Nullable String windowEnd, @Nullable String dailyMax,
                           @Nullable @Valid InstagramFields instagram, @Nullable @Valid TikTokFields tiktok) {
    static final int MAX_NAME = 100;

    public CampaignForm {
        instagram = instagram == null ? InstagramFields.blank() : instagram;
        tiktok = tiktok == null ? TikTokFields.blank() : tiktok;
    }

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final int MAX_CAPTION = 2200;
    static final int MAX_ROTATION = 50_000;
    static final int MAX_HASHTAGS = 10_000;

    public static CampaignForm blank() {
        return new CampaignForm("", List.of(), "", List.of(), "REELS", true, "", "3", "own", "", "", "", "every", "1",
                "", "UTC", "60", "", "", "10", InstagramFields.blank(), TikTokFields.blank());
    }

    /** A blank form for one account, starting at {@code start} in its zone (an account's suggested slot). */
    static CampaignForm forAccountAt(long accountId, java.time.ZonedDateTime start) {
        CampaignForm b = blank();
        return new CampaignForm(b.name, List.of(accountId), b.accountTag, b.media, b.postType, b.shareToFeed,
                b.coverOffsetSeconds, b.carouselSize, b.captionMode, b.template, b.rotation, b.hashtagSets, b.assignment,
                b.perAccount, start.toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")),
                start.getZone().getId(), b.spacingMinutes, b.windowStart, b.windowEnd, b.dailyMax, b.instagram, b.tiktok);
    }

    /**
     * The form that describes a stored campaign, to edit it: every value as the form shows it, its start (if it has
     * one) in UTC. {@link #toSpec} reads it back to the same campaign.
     */
    static CampaignForm of(CampaignSpec spec) {
        PostOptions options = spec.options();
        Schedule schedule = spec.schedule();
        String[] captions = switch (spec.captions()) {
            case CaptionStrategy.OwnCaption own -> new String[]{"own", "", ""};
            case CaptionStrategy.Template t -> new String[]{"template", t.template(), ""};
            case CaptionStrategy.Rotate r -> new String[]{"rotate", "", String.join("\n", r.captions())};
        };
        String[] assigned = switch (spec.assignment()) {
            case Assignment.EveryAccountEveryMedia every -> new String[]{"every", "1"};
            case Assignment.RoundRobin round -> new String[]{"round-robin", "1"};
            case Assignment.PerAccount per -> new String[]{"per-account", String.valueOf(per.perAccount())};
        };
        return new CampaignForm(spec.name(), spec.accountIds(), spec.accountTag() == null ? "" : spec.accountTag(),
                spec.mediaIds(), options.type().name(), options.shareToFeed(),
                options.coverOffset() == null ? "" : format(options.coverOffset().toMillis() / 1000.0),
                options.carouselSize() == 0 ? "3" : String.valueOf(options.carouselSize()), captions[0], captions[1],
                captions[2], String.join("\n", spec.hashtagSets()), assigned[0], assigned[1],
                schedule.startAt() == null ? "" : schedule.startAt().atZone(ZoneOffset.UTC).toLocalDateTime()
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")), "UTC",
                format(schedule.minSpacing().toSeconds() / 60.0),
                schedule.windowStart() == null ? "" : schedule.windowStart().toString(),
                schedule.windowEnd() == null ? "" : schedule.windowEnd().toString(), String.valueOf(schedule.dailyMax()),
                InstagramFields.of(options.instagram()), TikTokFields.of(options.tiktok()));
    }

    /** The same form with the override rows read from the request's parameters. */
    CampaignForm withOverridesFrom(java.util.Map<String, String[]> parameters) {
        return withInstagram(instagramFields().withOverridesFrom(parameters));
    }

    /** The same form with each location given by a saved location's name alone completed with its Page id. */
    CampaignForm withSavedLocations(java.util.Map<String, String> pageIdsByLowerName) {
        return withInstagram(instagramFields().withSavedLocations(pageIdsByLowerName));
    }

    private CampaignForm withInstagram(InstagramFields fields) {
        return new CampaignForm(name, accounts, accountTag, media, postType, shareToFeed, coverOffsetSeconds,
                carouselSize, captionMode, template, rotation, hashtagSets, assignment, perAccount, startAt, startZone,
                spacingMinutes, windowStart, windowEnd, dailyMax, fields, tiktokFields());
    }

    /** The TikTok options as typed (never null, for the templates). */
    public TikTokFields tiktokFields() {
        return tiktok == null ? TikTokFields.blank() : tiktok;
    }

    /** The Instagram options as typed (never null, for the templates). */
    public InstagramFields instagramFields() {
        return instagram == null ? InstagramFields.blank() : instagram;
    }

    public List<Long> accountIds() {
        return accounts == null ? List.of() : accounts;
    }

    public List<Long> mediaIds() {
        return media == null ? List.of() : media;
    }

    public boolean chose(String field, long id) {
        return (field.equals("accounts") ? accountIds() : mediaIds()).contains(id);
    }

    /**
     * The campaign the form describes; every value that does not read is rejected on its field, so is a start that
     * has passed ({@code now}: the time the form is read).
     */
    @Nullable CampaignSpec toSpec(BindingResult errors, Instant now) {
        return toSpec(errors, now, new java.util.HashMap<>());
    }

    /** The same; the per-account overrides' mistakes go into {@code overrideErrors}, by account id. */
    @Nullable CampaignSpec toSpec(BindingResult errors, Instant now, java.util.Map<Long, List<String>> overrideErrors) {
        String title = text(name);
        if (title.isEmpty()) {
            errors.rejectValue("name", "required", "Give the campaign a name.");
        }
        if (accountIds().isEmpty() && text(accountTag).isEmpty()) {
            errors.rejectValue("accounts", "required", "Choose accounts, or a tag.");
        }
        if (mediaIds().isEmpty()) {
            errors.rejectValue("media", "required", "Choose at least one media item.");
        }
        PostType type = enumValue(PostType.class, postType, "postType", "Choose a post type.", errors);
        Duration cover = text(coverOffsetSeconds).isEmpty() ? null
                : Duration.ofMillis(Math.round(number(coverOffsetSeconds, "coverOffsetSeconds", 0, 900, errors) * 1000));
        int carousel = type == PostType.CAROUSEL ? (int) number(carouselSize, "carouselSize", 2, 10, errors) : 0;
        CaptionStrategy captions = captions(errors);
        Assignment assigned = switch (text(assignment)) {
            case "round-robin" -> new Assignment.RoundRobin();
            case "per-account" -> new Assignment.PerAccount((int) number(perAccount, "perAccount", 1, 1000, errors));
            default -> new Assignment.EveryAccountEveryMedia();
        };
        Schedule schedule = schedule(errors, now);
        InstagramOptions ig = type == null ? null : instagramFields().toOptions(type, errors, overrideErrors);
        TikTokOptions tt = tiktokFields().toOptions(errors);
        if (errors.hasErrors() || type == null || captions == null || schedule == null || ig == null || tt == null) {
            return null;
        }
        return new CampaignSpec(title, accountIds(), text(accountTag), mediaIds(), captions, lines(hashtagSets),
                assigned, schedule, new PostOptions(type, Boolean.TRUE.equals(shareToFeed), cover, carousel, ig, tt));
    }

    private @Nullable CaptionStrategy captions(BindingResult errors) {
        return switch (text(captionMode)) {
            case "template" -> {
                if (text(template).isEmpty()) {
                    errors.rejectValue("template", "required", "Write the template, e.g. \"{media.title} by @{account.username}\".");
                    yield null;
                }
                yield new CaptionStrategy.Template(text(template));
            }
            case "rotate" -> {
                List<String> captions = lines(rotation);
                if (captions.isEmpty()) {
                    errors.rejectValue("rotation", "required", "Write at least one caption, one per line.");
                    yield null;
                }
                yield new CaptionStrategy.Rotate(captions);
            }
            default -> new CaptionStrategy.OwnCaption();
        };
    }

    private @Nullable Schedule schedule(BindingResult errors, Instant now) {
        Instant start = start(errors, now);
        double spacing = number(spacingMinutes, "spacingMinutes", 0, 7 * 24 * 60, errors);
        LocalTime from = time(windowStart, "windowStart", errors);
        LocalTime to = time(windowEnd, "windowEnd", errors);
        if ((from == null) != (to == null) && !errors.hasFieldErrors("windowStart") && !errors.hasFieldErrors("windowEnd")) {
            errors.rejectValue(from == null ? "windowStart" : "windowEnd", "required", "Give both ends of the daily window, or neither.");
        } else if (from != null && !from.isBefore(to)) {
            errors.rejectValue("windowEnd", "order", "The window must end after it starts (no window across midnight).");
        }
        int max = (int) number(dailyMax, "dailyMax", 1, 100, errors);
        if (errors.hasErrors()) {
            return null;
        }
        return new Schedule(start, Duration.ofSeconds(Math.round(spacing * 60)), from, to, max);
    }

    private @Nullable Instant start(BindingResult errors, Instant now) {
        ZoneId zone = ZoneOffset.UTC;
        try {
            zone = ZoneId.of(text(startZone).isEmpty() ? "UTC" : text(startZone));
        } catch (DateTimeException e) {
            errors.rejectValue("startZone", "zone", "'" + text(startZone) + "' is not a time zone: pick one from the "
                    + "list (type part of a city, such as Berlin).");
        }
        if (text(startAt).isEmpty()) {
            return null;
        }
        try {
            ZonedDateTime start = LocalDateTime.parse(text(startAt)).atZone(zone);
            Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
            if (start.toInstant().isBefore(thisMinute)) {
                errors.rejectValue("startAt", "past", "This start has passed (it is now "
                        + MINUTE.format(now.atZone(zone)) + " in " + zone.getId() + "): choose a later time, or leave "
                        + "it empty to start when it is launched.");
            }
            return start.toInstant();
        } catch (DateTimeParseException e) {
            errors.rejectValue("startAt", "format", "Give the start as a date and a time, such as 2026-12-01 09:00, "
                    + "or leave it empty to start when it is launched.");
            return null;
        }
    }

    private static @Nullable LocalTime time(@Nullable String value, String field, BindingResult errors) {
        if (text(value).isEmpty()) {
            return null;
        }
        try {
            return LocalTime.parse(text(value));
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "format", "Give a time of day as HH:MM.");
            return null;
        }
    }

    private static double number(@Nullable String value, String field, double min, double max, BindingResult errors) {
        try {
            double number = Double.parseDouble(text(value));
            if (number < min || number > max) {
                errors.rejectValue(field, "range", "Give a number from " + format(min) + " to " + format(max) + ".");
            }
            return number;
        } catch (NumberFormatException e) {
            errors.rejectValue(field, "format", "Give a number from " + format(min) + " to " + format(max) + ".");
            return min;
        }
    }

    private static <E extends Enum<E>> @Nullable E enumValue(Class<E> type, @Nullable String value, String field,
                                                             String message, BindingResult errors) {
        try {
            return Enum.valueOf(type, text(value));
        } catch (IllegalArgumentException e) {
            errors.rejectValue(field, "required", message);
            return null;
        }
    }

    private static List<String> lines(@Nullable String value) {
        return Arrays.stream(text(value).split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}

package io.switchboard.dashboard;

import io.switchboard.publishing.InstagramOptions;
import io.switchboard.publishing.PostType;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign form's Instagram options, all in one place (another platform's options sit beside them as their own
 * record), every field a string as typed; public for the templates. {@link #toOptions} reads them, rejecting what
 * does not read on its field; the platform's limits are checked by the preview, per account.
 *
 * @param collaborators usernames, separated by commas or spaces
 * @param userTags      one per line: {@code username} (Reels) or {@code username x y} (images; 0 to 1 from the top left)
 * @param coverMedia    a media library image's id for a Reel's custom cover; empty: the frame or the media's own cover
 * @param trial         empty, MANUAL or SS_PERFORMANCE
 * @param overrides     per-account values, one row per account offered
 */
public record InstagramFields(
        @Nullable @Size(max = 2200, message = "Shorten the first comment to at most {max} characters.") String firstComment,
        @Nullable @Size(max = 500, message = "Give at most a few collaborators.") String collaborators,
        @Nullable @Size(max = 100, message = "Shorten the location's name to at most {max} characters.") String locationName,
        @Nullable @Size(max = 30, message = "A location id is a Facebook Page id: digits only.") String locationId,
        @Nullable @Size(max = 2000, message = "Give at most 20 tags.") String userTags,
        @Nullable @Size(max = 1000, message = "Shorten the alt text to at most {max} characters: Instagram's limit.") String altText,
        @Nullable String coverMedia,
        @Nullable @Size(max = 100, message = "Shorten the audio name to at most {max} characters.") String audioName,
        @Nullable String trial,
        @Nullable List<Override> overrides) {

    public static InstagramFields blank() {
        return new InstagramFields("", "", "", "", "", "", "", "", "", List.of());
    }

    /** The fields that describe stored options (to edit a campaign): {@link #toOptions} reads them back to the same. */
    static InstagramFields of(InstagramOptions options) {
        List<Override> rows = options.perAccount().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    InstagramOptions.AccountOverride o = e.getValue();
                    return new Override(String.valueOf(e.getKey()), nonNull(o.caption()),
                            o.location() == null ? "" : o.location().name(), o.location() == null ? "" : o.location().id(),
                            o.collaborators() == null ? "" : String.join(", ", o.collaborators()), nonNull(o.firstComment()));
                }).toList();
        String tags = options.userTags().stream().map(t -> t.x() == null || t.y() == null ? t.username()
                : t.username() + " " + t.x() + " " + t.y()).collect(java.util.stream.Collectors.joining("\n"));
        InstagramOptions.Location location = options.location();
        return new InstagramFields(nonNull(options.firstComment()), String.join(", ", options.collaborators()),
                location == null ? "" : location.name(), location == null ? "" : location.id(), tags,
                nonNull(options.altText()), options.coverMediaId() == null ? "" : String.valueOf(options.coverMediaId()),
                nonNull(options.audioName()), options.trial() == null ? "" : options.trial().name(), rows);
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** One account's own values; each empty field keeps the campaign's. */
    public record Override(@Nullable String accountId,
                           @Nullable @Size(max = 2200, message = "Shorten the caption to at most {max} characters.") String caption,
                           @Nullable @Size(max = 100, message = "Shorten the location's name.") String locationName,
                           @Nullable @Size(max = 30, message = "A location id is digits only.") String locationId,
                           @Nullable @Size(max = 500, message = "Give at most a few collaborators.") String collaborators,
                           @Nullable @Size(max = 2200, message = "Shorten the first comment to at most {max} characters.") String firstComment) {

        public boolean empty() {
            return text(caption).isEmpty() && text(locationName).isEmpty() && text(locationId).isEmpty()
                    && text(collaborators).isEmpty() && text(firstComment).isEmpty();
        }
    }

    /** The request parameter of an override field: {@code igOverride.<accountId>.<field>}. */
    private static final java.util.regex.Pattern OVERRIDE_PARAMETER =
            java.util.regex.Pattern.compile("igOverride\\.(\\d{1,19})\\.(caption|locationName|locationId|collaborators|firstComment)");

    /**
     * The override rows as the browser sent them ({@code igOverride.<accountId>.<field>}, read from the request rather
     * than bound by path, so a row of any account binds and a mistake in one is answered beside it).
     */
    InstagramFields withOverridesFrom(Map<String, String[]> parameters) {
        Map<String, Map<String, String>> byAccount = new java.util.TreeMap<>();
        parameters.forEach((name, values) -> {
            var matcher = OVERRIDE_PARAMETER.matcher(name);
            if (matcher.matches() && values.length > 0) {
                byAccount.computeIfAbsent(matcher.group(1), id -> new HashMap<>())
                        .put(matcher.group(2), values[0].length() > 2200 ? values[0].substring(0, 2200) : values[0]);
            }
        });
        List<Override> rows = new ArrayList<>();
        byAccount.forEach((id, f) -> rows.add(new Override(id, f.get("caption"), f.get("locationName"),
                f.get("locationId"), f.get("collaborators"), f.get("firstComment"))));
        return new InstagramFields(firstComment, collaborators, locationName, locationId, userTags, altText, coverMedia,
                audioName, trial, rows);
    }

    /** Each location given by a saved location's name alone (no id typed) completed with that location's Page id. */
    InstagramFields withSavedLocations(Map<String, String> pageIdsByLowerName) {
        List<Override> rows = overrideRows().stream().map(o -> new Override(o.accountId(), o.caption(), o.locationName(),
                savedId(o.locationName(), o.locationId(), pageIdsByLowerName), o.collaborators(), o.firstComment()))
                .toList();
        return new InstagramFields(firstComment, collaborators, locationName,
                savedId(locationName, locationId, pageIdsByLowerName), userTags, altText, coverMedia, audioName, trial,
                rows);
    }

    private static @Nullable String savedId(@Nullable String name, @Nullable String id, Map<String, String> saved) {
        if (!text(id).isEmpty() || text(name).isEmpty()) {
            return id;
        }
        return saved.getOrDefault(text(name).toLowerCase(java.util.Locale.ROOT), id);
    }

    public List<Override> overrideRows() {
        return overrides == null ? List.of() : overrides;
    }

    /** The row shown for the account: the one typed, or an empty one. */
    public Override overrideFor(long accountId) {
        return overrideRows().stream().filter(o -> String.valueOf(accountId).equals(text(o.accountId()))).findFirst()
                .orElse(new Override(String.valueOf(accountId), "", "", "", "", ""));
    }

    public boolean anyOverride() {
        return overrideRows().stream().anyMatch(o -> !o.empty());
    }

    /**
     * The options, or null when a field does not read: campaign-wide mistakes are rejected on their field, an override
     * row's mistakes go into {@code overrideErrors} by account id (and one global error says so).
     */
    @Nullable InstagramOptions toOptions(PostType type, BindingResult errors, Map<Long, List<String>> overrideErrors) {
        InstagramOptions.Location location = location(locationName, locationId, "instagram.locationId", errors);
        List<InstagramOptions.UserTag> tags = tags(errors);
        Long cover = null;
        if (!text(coverMedia).isEmpty()) {
            try {
                cover = Long.parseLong(text(coverMedia));
            } catch (NumberFormatException e) {
                errors.rejectValue("instagram.coverMedia", "format", "Choose the cover from the list.");
            }
        }
        InstagramOptions.TrialGraduation graduation = null;
        if (!text(trial).isEmpty()) {
            try {
                graduation = InstagramOptions.TrialGraduation.valueOf(text(trial));
            } catch (IllegalArgumentException e) {
                errors.rejectValue("instagram.trial", "format", "Choose how a trial Reel reaches followers from the list.");
            }
        }
        Map<Long, InstagramOptions.AccountOverride> perAccount = new HashMap<>();
        for (Override row : overrideRows()) {
            if (row.empty()) {
                continue;
            }
            long accountId = Long.parseLong(text(row.accountId()));
            List<String> problems = new ArrayList<>();
            InstagramOptions.Location place = overrideLocation(row, problems);
            if (!problems.isEmpty()) {
                overrideErrors.put(accountId, problems);
                continue;
            }
            perAccount.put(accountId, new InstagramOptions.AccountOverride(text(row.caption()), place,
                    text(row.collaborators()).isEmpty() ? null : names(row.collaborators()), text(row.firstComment())));
        }
        if (!overrideErrors.isEmpty()) {
            errors.reject("overrides", "A per-account override needs a change: its row says what to do.");
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new InstagramOptions(text(firstComment), names(collaborators), location, tags, text(altText), cover,
                text(audioName), graduation, perAccount);
    }

    private List<InstagramOptions.UserTag> tags(BindingResult errors) {
        List<InstagramOptions.UserTag> tags = new ArrayList<>();
        for (String line : text(userTags).split("\\R")) {
            String[] parts = line.strip().split("[\\s,]+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            String username = parts[0].startsWith("@") ? parts[0].substring(1) : parts[0];
            if (parts.length == 1) {
                tags.add(new InstagramOptions.UserTag(username, null, null));
            } else if (parts.length == 3) {
                try {
                    tags.add(new InstagramOptions.UserTag(username, Double.parseDouble(parts[1]),
                            Double.parseDouble(parts[2])));
                } catch (NumberFormatException e) {
                    errors.rejectValue("instagram.userTags", "format", "\"" + line.strip() + "\": give a username, "
                            + "then x and y as numbers from 0 to 1, such as \"@friend 0.5 0.3\".");
                }
            } else {
                errors.rejectValue("instagram.userTags", "format", "\"" + line.strip() + "\": give a username alone "
                        + "(Reels) or with x and y from 0 to 1 (images), such as \"@friend 0.5 0.3\".");
            }
        }
        return tags;
    }

    private static InstagramOptions.@Nullable Location overrideLocation(Override row, List<String> problems) {
        if (text(row.locationId()).isEmpty()) {
            if (!text(row.locationName()).isEmpty()) {
                problems.add("Give the location's Facebook Page id too (digits), or clear its name.");
            }
            return null;
        }
        if (!text(row.locationId()).matches("\\d{1,20}")) {
            problems.add("A location id is a Facebook Page id: digits only, such as 110123456789.");
            return null;
        }
        return new InstagramOptions.Location(text(row.locationId()),
                text(row.locationName()).isEmpty() ? text(row.locationId()) : text(row.locationName()));
    }

    private static InstagramOptions.@Nullable Location location(@Nullable String name, @Nullable String id,
                                                                String field, BindingResult errors) {
        if (text(id).isEmpty()) {
            if (!text(name).isEmpty()) {
                errors.rejectValue(field, "required", "Give the location's Facebook Page id too (digits), or clear "
                        + "its name.");
            }
            return null;
        }
        if (!text(id).matches("\\d{1,20}")) {
            errors.rejectValue(field, "format", "A location id is a Facebook Page id: digits only, such as "
                    + "110123456789.");
            return null;
        }
        return new InstagramOptions.Location(text(id), text(name).isEmpty() ? text(id) : text(name));
    }

    private static List<String> names(@Nullable String value) {
        return Arrays.stream(text(value).split("[\\s,]+")).map(s -> s.startsWith("@") ? s.substring(1) : s)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}

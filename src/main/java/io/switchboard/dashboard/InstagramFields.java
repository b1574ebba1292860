package io.switchboard.dashboard;

import io.switchboard.publishing.InstagramOptions;
import io.switchboard.publishing.PostType;
import jakarta.validation.Valid;
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
        @Nullable @Valid List<Override> overrides) {

    public static InstagramFields blank() {
        return new InstagramFields("", "", "", "", "", "", "", "", "", List.of());
    }

    /** One account's own values; each empty field keeps the campaign's. */
    public record Override(@Nullable String accountId,
                           @Nullable @Size(max = 2200, message = "Shorten the caption to at most {max} characters.") String caption,
                           @Nullable @Size(max = 100, message = "Shorten the location's name.") String locationName,
                           @Nullable @Size(max = 30, message = "A location id is digits only.") String locationId,
                           @Nullable @Size(max = 500, message = "Give at most a few collaborators.") String collaborators,
                           @Nullable @Size(max = 2200, message = "Shorten the first comment to at most {max} characters.") String firstComment) {

        boolean empty() {
            return text(caption).isEmpty() && text(locationName).isEmpty() && text(locationId).isEmpty()
                    && text(collaborators).isEmpty() && text(firstComment).isEmpty();
        }
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

    @Nullable InstagramOptions toOptions(PostType type, BindingResult errors) {
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
        List<Override> rows = overrideRows();
        for (int i = 0; i < rows.size(); i++) {
            Override row = rows.get(i);
            if (row.empty()) {
                continue;
            }
            long accountId;
            try {
                accountId = Long.parseLong(text(row.accountId()));
            } catch (NumberFormatException e) {
                continue;
            }
            perAccount.put(accountId, new InstagramOptions.AccountOverride(text(row.caption()),
                    location(row.locationName(), row.locationId(), "instagram.overrides[" + i + "].locationId", errors),
                    text(row.collaborators()).isEmpty() ? null : names(row.collaborators()), text(row.firstComment())));
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

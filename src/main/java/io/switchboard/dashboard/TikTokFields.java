package io.switchboard.dashboard;

import io.switchboard.publishing.TikTokOptions;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

import java.util.List;

/**
 * The campaign form's TikTok options as typed (public for the templates). Checkboxes are Booleans: a form sent
 * without them (the preview's hidden copy sends "false") must still bind.
 *
 * @param privacyLevel empty: "only me" where the creator offers it
 */
public record TikTokFields(@Nullable String privacyLevel, @Nullable Boolean allowComments,
                           @Nullable Boolean allowDuets, @Nullable Boolean allowStitches, @Nullable Boolean yourBrand,
                           @Nullable Boolean brandedContent, @Nullable Boolean draft,
                           @Nullable @Size(max = 2200, message = "Shorten the TikTok caption to at most {max} characters.")
                           String caption) {

    public static TikTokFields blank() {
        return new TikTokFields("", true, true, true, false, false, false, "");
    }

    /** The fields that describe stored options (to edit a campaign). */
    static TikTokFields of(TikTokOptions options) {
        return new TikTokFields(options.privacyLevel() == null ? "" : options.privacyLevel(), options.allowComments(),
                options.allowDuets(), options.allowStitches(), options.yourBrand(), options.brandedContent(),
                options.draft(), options.caption() == null ? "" : options.caption());
    }

    /** The privacy levels to choose from, with their labels, most open first. */
    public List<String[]> levels() {
        return TikTokOptions.PRIVACY_LEVELS.stream().map(l -> new String[]{l, TikTokOptions.label(l)}).toList();
    }

    /** TikTok's declaration for what the form says now. */
    public String consent() {
        return consent(on(brandedContent));
    }

    /** TikTok's declaration with or without branded content, for the page to follow the box as it is ticked. */
    public String consent(boolean withBrandedContent) {
        return TikTokOptions.consent(withBrandedContent);
    }

    static boolean on(@Nullable Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    @Nullable TikTokOptions toOptions(BindingResult errors) {
        String level = privacyLevel == null ? "" : privacyLevel.strip();
        if (!level.isEmpty() && !TikTokOptions.PRIVACY_LEVELS.contains(level)) {
            errors.rejectValue("tiktok.privacyLevel", "unknown", "Choose who may see the posts from the list.");
            return null;
        }
        TikTokOptions options = new TikTokOptions(level, on(allowComments), on(allowDuets), on(allowStitches),
                on(yourBrand), on(brandedContent), on(draft), caption);
        if (options.problem() != null) {
            errors.rejectValue("tiktok.privacyLevel", "disclosure", options.problem());
            return null;
        }
        return options;
    }
}

package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What a TikTok post carries beyond its video, campaign-wide (docs/development/platform-facts.md). TikTok asks the
 * creator to choose who sees the post (there is no default), which interactions to allow, and to disclose
 * commercial content; the publisher checks each choice against the creator's live creator info before the post.
 *
 * @param privacyLevel   one of {@link #PRIVACY_LEVELS}; null: "only me" when the creator offers it (never public
 *                       unless an operator chose it)
 * @param allowComments  viewers may comment (off when the creator turned comments off in TikTok)
 * @param allowDuets     viewers may duet
 * @param allowStitches  viewers may stitch
 * @param yourBrand      the post promotes the creator's own business ("Your brand")
 * @param brandedContent the post promotes a third party in a paid partnership ("Branded content"); TikTok does not
 *                       take it as "only me"
 * @param draft          send the video to the creator's TikTok inbox to finish and post there (upload mode)
 * @param caption        TikTok's caption template (same variables as the campaign's); null: the campaign's caption
 */
public record TikTokOptions(@Nullable String privacyLevel, boolean allowComments, boolean allowDuets,
                            boolean allowStitches, boolean yourBrand, boolean brandedContent, boolean draft,
                            @Nullable String caption) {

    /** TikTok's privacy levels, most open first. */
    public static final List<String> PRIVACY_LEVELS = List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS",
            "FOLLOWER_OF_CREATOR", "SELF_ONLY");
    public static final TikTokOptions DEFAULT = new TikTokOptions(null, true, true, true, false, false, false, null);

    public TikTokOptions {
        privacyLevel = privacyLevel == null || privacyLevel.isBlank() ? null : privacyLevel;
        if (privacyLevel != null && !PRIVACY_LEVELS.contains(privacyLevel)) {
            throw new IllegalArgumentException("not a TikTok privacy level: " + privacyLevel);
        }
        caption = caption == null || caption.isBlank() ? null : caption;
    }

    /** The declaration TikTok requires beside the post button, by what the post discloses. */
    public String consent() {
        return consent(brandedContent);
    }

    /** The declaration TikTok requires beside the post button, with or without branded content disclosed. */
    public static String consent(boolean brandedContent) {
        return brandedContent ? "By posting, you agree to TikTok's Branded Content Policy and Music Usage Confirmation."
                : "By posting, you agree to TikTok's Music Usage Confirmation.";
    }

    /** Who may see the post, as an operator says it: "Everyone", …, or "Only me (where offered)" when none was chosen. */
    public String privacyLabel() {
        return privacyLevel == null ? "Only me (where offered)" : label(privacyLevel);
    }

    /** The interactions allowed, as an operator says them: "comment, duet, stitch", or "nothing but watch". */
    public String interactions() {
        List<String> allowed = new java.util.ArrayList<>();
        if (allowComments) {
            allowed.add("comment");
        }
        if (allowDuets) {
            allowed.add("duet");
        }
        if (allowStitches) {
            allowed.add("stitch");
        }
        return allowed.isEmpty() ? "nothing but watch" : String.join(", ", allowed);
    }

    /** What TikTok would refuse before any call: an operator's sentence, or null. */
    public @Nullable String problem() {
        if (brandedContent && "SELF_ONLY".equals(privacyLevel)) {
            return "TikTok does not take branded content as \"only me\": choose who else may see it, or untick "
                    + "branded content.";
        }
        return null;
    }

    /** The privacy level for an operator: "Everyone", "Friends", "Followers", "Only me". */
    public static String label(String privacyLevel) {
        return switch (privacyLevel) {
            case "PUBLIC_TO_EVERYONE" -> "Everyone";
            case "MUTUAL_FOLLOW_FRIENDS" -> "Friends";
            case "FOLLOWER_OF_CREATOR" -> "Followers";
            case "SELF_ONLY" -> "Only me";
            default -> privacyLevel;
        };
    }
}

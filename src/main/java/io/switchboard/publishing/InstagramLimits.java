package io.switchboard.publishing;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Instagram's limits on a post's options, checked before launch and named per account (the values are verified in
 * docs/development/platform-facts.md): the sandbox refuses what breaks them the way the platform does, but an
 * operator learns it in the preview, not from a failed post.
 */
final class InstagramLimits {
    /** IG User Media: collaborators on a feed post, Reel or carousel. */
    static final int MAX_COLLABORATORS = 3;
    /** User tags on one media. */
    static final int MAX_USER_TAGS = 20;
    /** IG User Media: alt_text on an image. */
    static final int MAX_ALT_TEXT = 1000;
    /** A comment is held to the caption's limits. */
    static final int MAX_COMMENT = Captions.MAX_LENGTH;
    static final int MAX_AUDIO_NAME = 100;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]{1,30}");
    private static final Pattern PAGE_ID = Pattern.compile("\\d{1,20}");

    private InstagramLimits() {
    }

    /** Every problem of the options as each target account's posts would carry them. */
    static void check(PostOptions options, Map<Long, String> usernames, List<Plan.Problem> problems) {
        InstagramOptions campaign = options.instagram();
        for (Long id : campaign.perAccount().keySet()) {
            if (!usernames.containsKey(id)) {
                problems.add(Plan.Problem.warning("Overrides are set for an account that is not a target any more; "
                        + "they are ignored."));
            }
        }
        typeRules(options.type(), campaign, problems);
        checkOne("", campaign, problems, null);
        usernames.forEach((id, username) -> {
            if (campaign.perAccount().containsKey(id)) {
                checkOne("@" + username + ": ", campaign.forAccount(id), problems, id);
            }
        });
    }

    private static void typeRules(PostType type, InstagramOptions ig, List<Plan.Problem> problems) {
        if (type != PostType.REELS) {
            if (ig.trial() != null) {
                problems.add(Plan.Problem.error("Trial is for Reels only; turn it off or post Reels."));
            }
            if (ig.audioName() != null) {
                problems.add(Plan.Problem.error("An audio name is for Reels only; clear it or post Reels."));
            }
            if (ig.coverMediaId() != null) {
                problems.add(Plan.Problem.error("A custom cover is for Reels only; clear it or post Reels."));
            }
        }
        if (type == PostType.STORIES) {
            if (!ig.collaborators().isEmpty() || ig.perAccount().values().stream()
                    .anyMatch(o -> o.collaborators() != null && !o.collaborators().isEmpty())) {
                problems.add(Plan.Problem.error("Stories take no collaborators; clear them or choose another type."));
            }
            if (ig.location() != null) {
                problems.add(Plan.Problem.error("Stories take no location through the API; clear it."));
            }
            if (ig.firstComment() != null) {
                problems.add(Plan.Problem.error("Stories take no comments; clear the first comment."));
            }
        }
        if (type == PostType.REELS && ig.userTags().stream().anyMatch(t -> t.x() != null || t.y() != null)) {
            problems.add(Plan.Problem.warning("Reels tag people by username only; the positions are not sent."));
        }
        if ((type == PostType.IMAGE || type == PostType.CAROUSEL)
                && ig.userTags().stream().anyMatch(t -> t.x() == null || t.y() == null)) {
            problems.add(Plan.Problem.error("Tags on images need a position: give each tagged username x and y "
                    + "(0 to 1, from the top left corner)."));
        }
        if (ig.audioName() != null && ig.audioName().length() > MAX_AUDIO_NAME) {
            problems.add(Plan.Problem.error("The audio name has " + ig.audioName().length() + " characters; keep it to "
                    + MAX_AUDIO_NAME + "."));
        }
    }

    private static void checkOne(String who, InstagramOptions ig, List<Plan.Problem> problems,
                                 @Nullable Long accountId) {
        List<Plan.Problem> found = new java.util.ArrayList<>();
        if (ig.collaborators().size() > MAX_COLLABORATORS) {
            found.add(Plan.Problem.error(who + ig.collaborators().size() + " collaborators; Instagram takes at most "
                    + MAX_COLLABORATORS + ". Remove " + (ig.collaborators().size() - MAX_COLLABORATORS) + "."));
        }
        for (String name : ig.collaborators()) {
            if (!USERNAME.matcher(name).matches()) {
                found.add(Plan.Problem.error(who + "\"" + name + "\" is not an Instagram username (letters, digits, "
                        + "periods and underscores, at most 30)."));
            }
        }
        if (ig.userTags().size() > MAX_USER_TAGS) {
            found.add(Plan.Problem.error(who + ig.userTags().size() + " people tagged; Instagram takes at most "
                    + MAX_USER_TAGS + "."));
        }
        for (InstagramOptions.UserTag tag : ig.userTags()) {
            if (!USERNAME.matcher(tag.username()).matches()) {
                found.add(Plan.Problem.error(who + "the tag \"" + tag.username() + "\" is not an Instagram username."));
            }
            if (outside(tag.x()) || outside(tag.y())) {
                found.add(Plan.Problem.error(who + "the tag of @" + tag.username() + " is placed outside the image: x "
                        + "and y go from 0 to 1."));
            }
        }
        if (ig.altText() != null && ig.altText().length() > MAX_ALT_TEXT) {
            found.add(Plan.Problem.error(who + "the alt text has " + ig.altText().length() + " characters; Instagram "
                    + "takes at most " + MAX_ALT_TEXT + "."));
        }
        if (ig.location() != null && !PAGE_ID.matcher(ig.location().id()).matches()) {
            found.add(Plan.Problem.error(who + "the location \"" + ig.location().name() + "\" has the id \""
                    + ig.location().id() + "\"; a location is a Facebook Page id, digits only."));
        }
        if (ig.firstComment() != null) {
            String comment = ig.firstComment();
            if (comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
                found.add(Plan.Problem.error(who + "the first comment has " + comment.length() + " characters; "
                        + "Instagram takes at most " + MAX_COMMENT + "."));
            }
            List<Plan.Problem> commentProblems = new java.util.ArrayList<>();
            Captions.check(comment, 0, commentProblems);
            commentProblems.stream().filter(p -> !p.message().contains("unknown variable")
                            && !p.message().contains("characters"))
                    .forEach(p -> found.add(Plan.Problem.error(who + "first comment: "
                            + p.message().replaceFirst("^Post 0: ", ""))));
        }
        for (Plan.Problem p : found) {
            problems.add(accountId == null ? p : Plan.Problem.forAccount(accountId, p.message()));
        }
    }

    private static boolean outside(@Nullable Double value) {
        return value != null && (value < 0 || value > 1);
    }
}

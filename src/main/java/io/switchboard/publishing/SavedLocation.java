package io.switchboard.publishing;

/**
 * A location kept once under a name and chosen by it: in a campaign, or as an account's default.
 *
 * @param pageId   the Facebook Page id the platform takes as {@code location_id}
 * @param accounts how many accounts have it as their default
 */
public record SavedLocation(long id, String name, String pageId, int accounts) {

    public InstagramOptions.Location location() {
        return new InstagramOptions.Location(pageId, name);
    }
}

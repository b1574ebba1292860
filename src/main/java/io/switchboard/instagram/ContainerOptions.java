package io.switchboard.instagram;

import io.switchboard.instagram.graph.ContainerRequest;
import io.switchboard.publishing.InstagramOptions;
import io.switchboard.publishing.PostContent;
import io.switchboard.publishing.PostType;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A post's options as the containers that carry them (docs/development/platform-facts.md says which container
 * takes which): Reels take the cover, audio name, trial, collaborators, location and username-only tags; images
 * take alt text, location, collaborators and tags with x/y; a carousel's parent takes caption, collaborators and
 * location, its image items the alt text, and its first image item the tags; Stories take tags.
 */
final class ContainerOptions {

    private ContainerOptions() {
    }

    static ContainerRequest single(PostContent content, PostContent.MediaLink link) {
        InstagramOptions ig = content.options().instagram();
        return switch (content.type()) {
            case REELS -> ContainerRequest.reel(link.url(), content.caption()).with(ContainerRequest.Extras.NONE
                    .withShareToFeed(content.options().shareToFeed())
                    .withCover(cover(content, link))
                    .withThumbOffset(cover(content, link) == null ? content.options().coverOffset() : null)
                    .withCollaborators(ig.collaborators()).withLocation(location(ig))
                    .withUserTags(tags(ig, false)).withAudioName(ig.audioName())
                    .withTrial(ig.trial() == null ? null : ig.trial().name()));
            case IMAGE -> ContainerRequest.image(link.url(), content.caption()).with(ContainerRequest.Extras.NONE
                    .withAltText(altText(ig, link)).withCollaborators(ig.collaborators())
                    .withLocation(location(ig)).withUserTags(tags(ig, true)));
            case STORIES -> ContainerRequest.story(link.url(), link.video())
                    .with(ContainerRequest.Extras.NONE.withUserTags(tags(ig, !link.video())));
            case CAROUSEL -> throw new IllegalArgumentException("a carousel is made of items");
        };
    }

    /** A carousel item: images carry the alt text, and the first image the tags. */
    static ContainerRequest carouselItem(PostContent content, PostContent.MediaLink link, boolean firstImage) {
        ContainerRequest item = ContainerRequest.carouselItem(link.url(), link.video());
        if (link.video()) {
            return item;
        }
        InstagramOptions ig = content.options().instagram();
        return item.with(ContainerRequest.Extras.NONE.withAltText(altText(ig, link))
                .withUserTags(firstImage ? tags(ig, true) : List.of()));
    }

    static ContainerRequest carousel(PostContent content, List<String> children) {
        InstagramOptions ig = content.options().instagram();
        return ContainerRequest.carousel(children, content.caption()).with(ContainerRequest.Extras.NONE
                .withCollaborators(ig.collaborators()).withLocation(location(ig)));
    }

    /** Whether a post listed with this {@code media_type} can be a post of this type. */
    static boolean listedAs(PostType type, @Nullable String mediaType) {
        if (mediaType == null) {
            return true;
        }
        return switch (type) {
            case REELS -> mediaType.equals("VIDEO") || mediaType.equals("REELS");
            case IMAGE -> mediaType.equals("IMAGE");
            case CAROUSEL -> mediaType.equals("CAROUSEL_ALBUM");
            case STORIES -> true;
        };
    }

    private static java.net.@Nullable URI cover(PostContent content, PostContent.MediaLink link) {
        java.net.URI custom = content.links().signCover();
        if (custom != null) {
            return custom;
        }
        return content.options().coverOffset() != null ? null : link.cover();
    }

    private static @Nullable String altText(InstagramOptions ig, PostContent.MediaLink link) {
        if (ig.altText() != null) {
            return ig.altText();
        }
        return link.title().isBlank() ? null : link.title();
    }

    private static @Nullable String location(InstagramOptions ig) {
        return ig.location() == null ? null : ig.location().id();
    }

    private static List<ContainerRequest.UserTag> tags(InstagramOptions ig, boolean withPosition) {
        return ig.userTags().stream().map(t -> new ContainerRequest.UserTag(t.username(),
                withPosition ? t.x() : null, withPosition ? t.y() : null)).toList();
    }
}

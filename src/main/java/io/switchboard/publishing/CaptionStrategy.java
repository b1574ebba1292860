package io.switchboard.publishing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Where each post's caption comes from. Templates may use {@code {account.username}}, {@code {account.name}},
 * {@code {media.title}}, {@code {media.caption}}, {@code {date}} (the post's date in the account's time zone)
 * and {@code {n}} (the post's number in the campaign, from 1).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CaptionStrategy.OwnCaption.class, name = "own"),
        @JsonSubTypes.Type(value = CaptionStrategy.Template.class, name = "template"),
        @JsonSubTypes.Type(value = CaptionStrategy.Rotate.class, name = "rotate")})
public sealed interface CaptionStrategy {

    /** Each media's own default caption. */
    record OwnCaption() implements CaptionStrategy {
    }

    /** One template for every post. */
    record Template(String template) implements CaptionStrategy {
    }

    /** A list of captions (templates too), used in turn across the posts. */
    record Rotate(List<String> captions) implements CaptionStrategy {
        public Rotate {
            if (captions.isEmpty()) {
                throw new IllegalArgumentException("A rotation needs at least one caption");
            }
            captions = List.copyOf(captions);
        }
    }
}

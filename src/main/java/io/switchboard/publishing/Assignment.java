package io.switchboard.publishing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Which account gets which media. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Assignment.EveryAccountEveryMedia.class, name = "every"),
        @JsonSubTypes.Type(value = Assignment.RoundRobin.class, name = "round-robin"),
        @JsonSubTypes.Type(value = Assignment.PerAccount.class, name = "per-account")})
public sealed interface Assignment {

    /** Every account publishes every media (posts = accounts × media). */
    record EveryAccountEveryMedia() implements Assignment {
    }

    /** Each media goes to one account, accounts taken in turn (posts = media). */
    record RoundRobin() implements Assignment {
    }

    /** Each account gets {@code perAccount} different media, taken in turn from the list. */
    record PerAccount(int perAccount) implements Assignment {
        public PerAccount {
            if (perAccount < 1) {
                throw new IllegalArgumentException("Give each account at least one media");
            }
        }
    }
}

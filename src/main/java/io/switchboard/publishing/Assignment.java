package io.switchboard.publishing;

/** Which account gets which media. */
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

package io.switchboard.instagram.graph;

import java.time.Instant;

/**
 * Why a call did not succeed, one case per row class of PLATFORM.md's error table (plus {@link Refused} for
 * anything the table does not list and {@link RouteUnavailable} for an egress route that is down). Each case
 * carries the {@link GraphError} as reported, never a token.
 */
public sealed interface GraphProblem {

    GraphError error();

    /** Codes 1, 2, -1/2207001, -1/2207032, -2/2207003, 5xx, timeouts, refused connections: retry with back-off. */
    record Transient(GraphError error) implements GraphProblem {
    }

    /**
     * Codes 4, 17, 32, 613, 80001, 80002, 80004-80014, or usage above the threshold (then no call was made):
     * wait until {@code until} without using an attempt.
     *
     * @param wholeApp true when the app's limit is reached (every account waits), false for this account only
     */
    record Throttled(GraphError error, Instant until, boolean wholeApp) implements GraphProblem {
    }

    /** Code 190 (subcode 460: the password changed): the account needs reconnecting; stop its work. */
    record TokenInvalid(GraphError error) implements GraphProblem {
    }

    /** Codes 10 and 200-299: a permission is missing; the operator must grant it again. */
    record PermissionMissing(GraphError error) implements GraphProblem {
    }

    /** 368, 4/2207051, 25/2207050: the platform stopped the account; stop its publishing. */
    record Blocked(GraphError error, Restriction restriction) implements GraphProblem {
    }

    /** The media or caption breaks a platform rule; see {@link MediaRule#retryable()}. */
    record BadMedia(GraphError error, MediaRule rule) implements GraphProblem {
    }

    /** 9/2207042: the account's publishing quota is used up; a slot frees at {@code until} (an estimate). */
    record QuotaReached(GraphError error, Instant until) implements GraphProblem {
    }

    /**
     * The container cannot be published: expired (-2/2207020, or status EXPIRED), an unknown upload error
     * (-1/2207053), or its builder expired (24/2207008, where retrying once or twice may still work).
     *
     * @param retryFirst true for 24/2207008: retry the same container once or twice before making a new one
     */
    record ContainerExpired(GraphError error, boolean retryFirst) implements GraphProblem {
    }

    /** 9007/2207027: the container is not {@code FINISHED} yet; poll its status and publish later. */
    record NotReady(GraphError error) implements GraphProblem {
    }

    /** Anything else the platform refused (code 100, bad parameters…): fail with its message. */
    record Refused(GraphError error) implements GraphProblem {
    }

    /** The egress route for this account is down (its proxy); no call was made. Pause, do not fail. */
    record RouteUnavailable(GraphError error) implements GraphProblem {
    }
}

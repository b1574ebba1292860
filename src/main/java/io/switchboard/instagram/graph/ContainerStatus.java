package io.switchboard.instagram.graph;

import org.jspecify.annotations.Nullable;

/**
 * A container's state as the platform reports it.
 *
 * @param status  the platform's {@code status} text (for ERROR it names the subcode)
 * @param problem for ERROR and EXPIRED, the classified reason (e.g. {@link GraphProblem.BadMedia} with
 *                {@link MediaRule#VIDEO_FORMAT}, or {@link GraphProblem.ContainerExpired}); null otherwise
 */
public record ContainerStatus(String containerId, ContainerState state, String status,
                              @Nullable GraphProblem problem) {
}

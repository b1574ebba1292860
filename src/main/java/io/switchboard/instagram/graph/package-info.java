/**
 * The Instagram Graph API client: typed calls ({@link io.switchboard.instagram.graph.InstagramGraph}), one HTTP
 * call each, every answer a {@link io.switchboard.instagram.graph.GraphResult} whose failures are classified by
 * PLATFORM.md's error table, usage-header hold-offs shared by all instances. Internal to the {@code instagram}
 * module: only its adapters use it.
 */
@NullMarked
package io.switchboard.instagram.graph;

import org.jspecify.annotations.NullMarked;

/**
 * The Instagram Graph API client: typed calls ({@link io.switchboard.platform.InstagramGraph}), every answer a
 * {@link io.switchboard.platform.GraphResult} whose failures are classified by PLATFORM.md's error table,
 * usage-header hold-offs shared by all instances, and the {@link io.switchboard.platform.EgressRoutes} SPI that
 * decides how each call leaves the server.
 */
@NullMarked
package io.switchboard.platform;

import org.jspecify.annotations.NullMarked;

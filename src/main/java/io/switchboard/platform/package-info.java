/**
 * What every platform adapter shares: the {@link io.switchboard.platform.Platform} enum, the
 * {@link io.switchboard.platform.PlatformMode} (live or sandbox), {@link io.switchboard.platform.Credentials},
 * the platform-neutral {@link io.switchboard.platform.PlatformResult} and {@link io.switchboard.platform.PlatformProblem},
 * hold-offs shared by all instances ({@link io.switchboard.platform.HoldOffs}), and the
 * {@link io.switchboard.platform.EgressRoutes} SPI (implemented by {@code proxies}) that decides how each call leaves
 * the server. No platform's client lives here: each is in its adapter module.
 */
@NullMarked
package io.switchboard.platform;

import org.jspecify.annotations.NullMarked;

/**
 * Encryption key rotation: once an instance starts with previous keys beside a new one, a task re-seals every
 * stored secret with the newest key, through the {@link io.switchboard.infrastructure.SealedSecrets} of the
 * module that owns it. No Java API: its progress shows on the Tasks page (kind {@code keys.reseal}).
 */
@NullMarked
package io.switchboard.keys;

import org.jspecify.annotations.NullMarked;

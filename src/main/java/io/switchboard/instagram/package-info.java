/**
 * Instagram: the adapters that make the other modules' ports work on Instagram (publishing's
 * {@link io.switchboard.publishing.Publisher}, the accounts' {@link io.switchboard.accounts.ProfileReader},
 * {@link io.switchboard.accounts.TokenKeeper} and {@link io.switchboard.accounts.PlatformSignIn}), built on the
 * Graph API client in {@code instagram.graph} (its typed calls, PLATFORM.md's error table, usage hold-offs).
 * No other module depends on this one: they find its adapters as beans of their own port types.
 */
@NullMarked
package io.switchboard.instagram;

import org.jspecify.annotations.NullMarked;

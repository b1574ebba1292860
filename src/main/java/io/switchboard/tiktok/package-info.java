/**
 * TikTok: the adapters that make the other modules' ports work on TikTok (publishing's
 * {@link io.switchboard.publishing.Publisher}, the accounts' {@link io.switchboard.accounts.ProfileReader},
 * {@link io.switchboard.accounts.TokenKeeper} and {@link io.switchboard.accounts.PlatformSignIn}), built on the
 * Content Posting API and Login Kit client in {@code tiktok.api}. No other module depends on this one: they find its
 * adapters as beans of their own port types.
 */
@NullMarked
package io.switchboard.tiktok;

import org.jspecify.annotations.NullMarked;

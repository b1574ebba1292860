/**
 * The offline emulator of the Graph API subset Switchboard calls, served over HTTP by the app itself under
 * {@code /sandbox/graph} (and {@code /sandbox/oauth} for the authorize page) when the platform mode is
 * {@code sandbox}. All its state lives in its own tables, so every instance serves the same sandbox. No Java
 * API: the platform client reaches it over HTTP like Meta's; admins change its behaviour on the Sandbox page.
 */
@NullMarked
package io.switchboard.sandbox;

import org.jspecify.annotations.NullMarked;

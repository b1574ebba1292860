/**
 * Connected accounts of every platform: their tokens (AES-GCM at rest), platform, status, tags, time zones;
 * connecting them (sign-in, a pasted token, CSV import, sandbox accounts), exporting them, and the token health and
 * profile audit runners. Declares the ports each platform's adapter module implements
 * ({@link io.switchboard.accounts.ProfileReader}, {@link io.switchboard.accounts.TokenKeeper},
 * {@link io.switchboard.accounts.PlatformSignIn}) and dispatches to them by the account's platform. Public API:
 * {@link io.switchboard.accounts.Accounts}, {@link io.switchboard.accounts.Connections} and
 * {@link io.switchboard.accounts.AccountStatusChanged}.
 */
@NullMarked
package io.switchboard.accounts;

import org.jspecify.annotations.NullMarked;

/**
 * Connected Instagram accounts: their tokens (AES-GCM at rest), status, tags, time zones; connecting them
 * (OAuth, a pasted token, CSV import, sandbox accounts), exporting them, and the token health and profile
 * audit runners. Public API: {@link io.switchboard.accounts.Accounts} and {@link io.switchboard.accounts.AccountStatusChanged}.
 */
@NullMarked
package io.switchboard.accounts;

import org.jspecify.annotations.NullMarked;

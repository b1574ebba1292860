/**
 * Operators, their roles and sign-in: form login with throttling, sessions in PostgreSQL, the audit trail.
 */
@NullMarked
package io.switchboard.identity;

import org.jspecify.annotations.NullMarked;

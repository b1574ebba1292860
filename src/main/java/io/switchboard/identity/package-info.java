/**
 * Operators, their roles and sign-in: form login with throttling, sessions in PostgreSQL. What they change is
 * recorded in the {@code audit} module.
 */
@NullMarked
package io.switchboard.identity;

import org.jspecify.annotations.NullMarked;

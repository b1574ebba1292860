/**
 * The append-only record of who changed what: every operator action that changes something, with who, when, from
 * where, what and the before/after of the fields that changed (never secrets). Modules record through
 * {@link io.switchboard.audit.AuditTrail}; state-changing web requests no module recorded are recorded from the
 * request itself. Records cannot be changed or deleted by the application's database user (a trigger), except by
 * the retention sweep.
 */
@NullMarked
package io.switchboard.audit;

import org.jspecify.annotations.NullMarked;

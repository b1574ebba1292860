/**
 * Bulk publishing campaigns: media × accounts × captions × schedule, planned and checked before launch,
 * then published post by post by the publish runner, quota-aware and never twice.
 */
@NullMarked
package io.switchboard.publishing;

import org.jspecify.annotations.NullMarked;

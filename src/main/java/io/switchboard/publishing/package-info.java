/**
 * Bulk publishing campaigns: media × accounts × captions × schedule, planned and checked before launch,
 * then published post by post by the publish runner, quota-aware and never twice. Declares the
 * {@link io.switchboard.publishing.Publisher} port that each platform's adapter module implements; the runner keeps
 * the posts' bookkeeping and never names a platform.
 */
@NullMarked
package io.switchboard.publishing;

import org.jspecify.annotations.NullMarked;

/**
 * The public REST API, {@code /api/v1}: JSON over the other modules' public API, authenticated by API keys (with
 * per-key rate limits shared through PostgreSQL), idempotent POSTs, RFC 9457 problem details and a generated
 * OpenAPI 3.1 document. Publishes nothing; nothing depends on it.
 */
@NullMarked
package io.switchboard.api;

import org.jspecify.annotations.NullMarked;

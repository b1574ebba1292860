/**
 * Telling people and other systems what happened: in-app notifications (the bell with a count: a review asked of an
 * operator, changes asked on their campaign, their campaign approved), operators' alerts by email and chat, and signed
 * outgoing webhooks (Standard Webhooks) delivered as tasks of the engine. Listens to the other modules' events; its
 * public types serve the pages.
 */
@NullMarked
package io.switchboard.notifications;

import org.jspecify.annotations.NullMarked;

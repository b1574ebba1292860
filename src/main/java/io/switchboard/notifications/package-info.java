/**
 * Telling people and other systems what happened: signed outgoing webhooks (Standard Webhooks), delivered as tasks of
 * the engine. Listens to the other modules' events; its public types serve the settings pages.
 */
@NullMarked
package io.switchboard.notifications;

import org.jspecify.annotations.NullMarked;

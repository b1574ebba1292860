/**
 * Notifications: today the in-app ones (the bell with a count): a review asked of an operator, changes asked on their
 * campaign, their campaign approved. Listens to publishing's approval events.
 */
@NullMarked
package io.switchboard.notifications;

import org.jspecify.annotations.NullMarked;

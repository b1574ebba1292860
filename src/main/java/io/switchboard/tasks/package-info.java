/**
 * The durable task engine and the registry of running instances.
 */
@NullMarked
package io.switchboard.tasks;

import org.jspecify.annotations.NullMarked;

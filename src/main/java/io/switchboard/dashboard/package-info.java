/**
 * Every page and fragment. Holds no business logic: maps requests to the other modules and renders.
 */
@NullMarked
package io.switchboard.dashboard;

import org.jspecify.annotations.NullMarked;

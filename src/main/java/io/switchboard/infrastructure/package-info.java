/**
 * What every module stands on: the embedded PostgreSQL default, request ids in logs, the log format,
 * this instance's identity, and facts about the database.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.switchboard.infrastructure;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

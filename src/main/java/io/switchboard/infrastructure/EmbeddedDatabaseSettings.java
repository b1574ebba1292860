package io.switchboard.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The PostgreSQL that Switchboard starts itself when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live; they survive restarts
 * @param port    TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param durable fsync and synchronous commit on (the default); off only for throwaway data
 */
@ConfigurationProperties("switchboard.embedded-db")
public record EmbeddedDatabaseSettings(
        @DefaultValue("data/postgres") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("true") boolean durable) {
}

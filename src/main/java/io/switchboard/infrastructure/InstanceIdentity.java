package io.switchboard.infrastructure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

/**
 * Who this process is: a fresh id per start, the host it runs on, the version it was built as.
 */
@Component
public class InstanceIdentity {
    private final UUID id = UUID.randomUUID();
    private final String host = hostName();
    private final String version;
    private final Instant startedAt = Instant.now();

    InstanceIdentity(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null || properties.getVersion() == null ? "dev" : properties.getVersion();
    }

    public UUID id() {
        return id;
    }

    /** The first eight characters of the id: enough to tell instances apart on a page. */
    public String shortId() {
        return id.toString().substring(0, 8);
    }

    public String host() {
        return host;
    }

    public String version() {
        return version;
    }

    public Instant startedAt() {
        return startedAt;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

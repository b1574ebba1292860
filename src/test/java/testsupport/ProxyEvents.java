package testsupport;

import io.switchboard.proxies.ProxyStatusChanged;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every {@link ProxyStatusChanged} one instance publishes, as a listening module would see it (per instance:
 * each test database numbers its proxies from 1). Read it with {@code app.bean(ProxyEvents.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class ProxyEvents {
    private final Queue<ProxyStatusChanged> events = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(ProxyStatusChanged event) {
        events.add(event);
    }

    public List<ProxyStatusChanged> of(long proxyId) {
        return events.stream().filter(e -> e.proxyId() == proxyId).toList();
    }
}

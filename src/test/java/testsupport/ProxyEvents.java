package testsupport;

import io.switchboard.proxies.ProxyStatusChanged;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every {@link ProxyStatusChanged} an instance publishes, as a listening module would see it. */
@Configuration(proxyBeanMethods = false)
public class ProxyEvents {
    private static final Queue<ProxyStatusChanged> EVENTS = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(ProxyStatusChanged event) {
        EVENTS.add(event);
    }

    public static List<ProxyStatusChanged> of(long proxyId) {
        return EVENTS.stream().filter(e -> e.proxyId() == proxyId).toList();
    }
}

package testsupport;

import io.switchboard.accounts.AccountStatusChanged;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every {@link AccountStatusChanged} an instance publishes, as a listening module would see it. */
@Configuration(proxyBeanMethods = false)
public class AccountEvents {
    private static final Queue<AccountStatusChanged> EVENTS = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(AccountStatusChanged event) {
        EVENTS.add(event);
    }

    public static List<AccountStatusChanged> of(long accountId) {
        return EVENTS.stream().filter(e -> e.accountId() == accountId).toList();
    }
}

package io.switchboard.proxies;

import java.io.IOException;

/**
 * Getting through a proxy failed at {@link #stage()}, before any request reached the target; the message says
 * what happened in words an operator can act on, never with credentials.
 */
final class ProxyFailure extends IOException {
    private final CheckOutcome stage;

    ProxyFailure(CheckOutcome stage, String message) {
        super(message);
        this.stage = stage;
    }

    CheckOutcome stage() {
        return stage;
    }
}

package io.switchboard.platform;

import java.io.IOException;

/** An egress route cannot be used now; the message says why for the operator (no credentials in it). */
public class EgressUnavailable extends IOException {
    public EgressUnavailable(String reason) {
        super(reason);
    }
}

package io.switchboard.proxies;

import io.switchboard.infrastructure.Problem;

import java.util.List;

/**
 * A command on proxies was refused; the message says what to do. {@code field} names the form field it is about
 * (label, scheme, host, port, username, password, region, tags), or is empty.
 */
public class ProxyProblem extends Problem {
    public ProxyProblem(String field, String message) {
        super(field, message);
    }

    /** Every mistake found at once (see {@link Problem#all()}). */
    public ProxyProblem(List<ProxyProblem> all) {
        super(all);
    }
}

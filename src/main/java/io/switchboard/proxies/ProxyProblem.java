package io.switchboard.proxies;

/**
 * A command on proxies was refused; the message says what to do. {@code field} names the form field it is about
 * (label, scheme, host, port, username, password, region, tags), or is empty.
 */
public class ProxyProblem extends RuntimeException {
    private final String field;

    public ProxyProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

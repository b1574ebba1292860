package io.switchboard.infrastructure;

/** A sealed secret could not be opened; the message says why and never contains the secret. */
public class SecretUnreadable extends RuntimeException {
    public SecretUnreadable(String message) {
        super(message);
    }
}

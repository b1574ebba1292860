package io.switchboard.tasks;

import org.springframework.stereotype.Service;

/**
 * Tells subscribers that some task changed (claimed, finished, submitted, cancelled, paused…) anywhere in the
 * cluster, by way of PostgreSQL notifications: what live pages refresh on. Subscribers are called on the
 * listener's thread and must return at once; notifications arrive in bursts, so coalesce them.
 */
@Service
public class TaskChanges {
    private final Listener listener;

    TaskChanges(Listener listener) {
        this.listener = listener;
    }

    public void subscribe(Runnable subscriber) {
        listener.onChange(subscriber);
    }
}

package io.switchboard.tasks;

/**
 * A kind of task and the type of its payload. Declared once by the module that owns the work, used both to
 * submit tasks and by the handler that runs them.
 *
 * @param name        stable identifier stored with every task ("publishing.post"); never rename a kind
 *                    while tasks of it may still exist
 * @param payloadType the record stored as the task's JSON payload
 */
public record TaskKind<P>(String name, Class<P> payloadType) {

    public TaskKind {
        if (!name.matches("[a-z][a-z0-9_.-]{0,99}")) {
            throw new IllegalArgumentException("A task kind is lower-case letters, digits, '.', '_' or '-': " + name);
        }
    }

    public static <P> TaskKind<P> of(String name, Class<P> payloadType) {
        return new TaskKind<>(name, payloadType);
    }
}

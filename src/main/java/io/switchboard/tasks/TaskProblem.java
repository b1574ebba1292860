package io.switchboard.tasks;

/** A command on tasks that cannot be carried out as asked; the message says why and what to do. */
public class TaskProblem extends RuntimeException {
    public TaskProblem(String message) {
        super(message);
    }
}

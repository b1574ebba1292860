package io.switchboard.tasks;

import io.switchboard.infrastructure.Problem;

/** A command on tasks that cannot be carried out as asked; the message says why and what to do. */
public class TaskProblem extends Problem {
    public TaskProblem(String message) {
        super("", message);
    }
}

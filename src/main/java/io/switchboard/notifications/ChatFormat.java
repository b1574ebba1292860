package io.switchboard.notifications;

/** The incoming-webhook message format of a chat. */
public enum ChatFormat {
    SLACK, TEAMS
}

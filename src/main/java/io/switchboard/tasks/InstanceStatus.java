package io.switchboard.tasks;

/** How an instance looks from the registry. */
public enum InstanceStatus {
    /** Heartbeating. */
    LIVE,
    /** Said goodbye on a clean shutdown. */
    STOPPED,
    /** Stopped heartbeating without saying goodbye (crashed, killed, cut off). */
    LOST
}

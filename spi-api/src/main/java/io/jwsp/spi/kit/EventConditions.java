package io.jwsp.spi.kit;

/**
 * What holds on a socket right now, for the events WSPEventSelect records at once when it is called ("if the
 * condition already holds, the event is recorded"): data or an end to read, room to send, a connection to accept.
 * FD_CLOSE is not here: {@link NetworkEventRecorder} remembers a close that arrived itself, once per connection.
 */
public record EventConditions(boolean readable, boolean writable, boolean acceptable) {
    public static final EventConditions NONE = new EventConditions(false, false, false);
}

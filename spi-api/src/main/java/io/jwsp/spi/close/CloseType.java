package io.jwsp.spi.close;

/** What a close did to the connection, as a provider reports it after performing the row. */
public enum CloseType {
    /** Queued data delivered (or being delivered in the background), then the provider's orderly end. */
    GRACEFUL,
    /** Reset at once (linger 0); unsent data lost. */
    HARD,
    /** A linger wait ran out; then the connection was reset. */
    HARD_AFTER_LINGER_TIMEOUT,
    /** Nothing to disconnect: the socket was never connected, or the connection had already ended. */
    NO_CONNECTION,
    /** Not the last handle of a duplicated socket: only the handle was released. */
    HANDLE_ONLY
}

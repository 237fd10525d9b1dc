package io.jwsp.reliability.soak;

/** The rows of the close table a soak connection ends with (DESIGN.md "Close and linger"). */
enum CloseMode {
    /** l_onoff = 0: returns at once, graceful in the background. */
    DEFAULT(true),
    /** linger(1,0): hard close; the peer sees a reset (or the medium's equivalent). */
    LINGER_ZERO(false),
    /** linger(1,N), blocking, with a reading peer: waits until the data is delivered, then graceful. */
    LINGER_N(true),
    /** shutdown(SD_SEND), wait for the peer's end, then close. */
    SHUTDOWN_THEN_CLOSE(true),
    /** linger(1,N), nonblocking: WSAEWOULDBLOCK while data is queued, handle still valid; retried until it closes. */
    NONBLOCKING_LINGER_RETRY(true);

    final boolean graceful;

    CloseMode(boolean graceful) {
        this.graceful = graceful;
    }
}

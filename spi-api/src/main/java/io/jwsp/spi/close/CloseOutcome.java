package io.jwsp.spi.close;

/**
 * The row of the close/linger table a close falls in (closesocket, "Remarks"; WSPCloseSocket, "Remarks"). Every
 * base provider decides with {@link CloseTable#decide} and then performs the row in its own way.
 */
public enum CloseOutcome {
    /** l_onoff = 0 (SO_DONTLINGER, the default): return at once; queued data is still sent; graceful close in the background. */
    GRACEFUL_IN_BACKGROUND,
    /** l_onoff != 0, l_linger = 0: return at once; hard (abortive) close; unsent data lost; the peer sees a reset. */
    ABORTIVE,
    /** l_onoff != 0, l_linger != 0, nothing queued: a graceful close that completes at once. */
    GRACEFUL_NOW,
    /** l_onoff != 0, l_linger != 0, blocking socket with data queued: wait until delivered (graceful) or the time-out (abortive); return 0 either way. */
    LINGER_WAIT,
    /** l_onoff != 0, l_linger != 0, nonblocking socket with data queued: WSAEWOULDBLOCK; the handle stays valid and nothing is initiated. */
    WOULD_BLOCK
}

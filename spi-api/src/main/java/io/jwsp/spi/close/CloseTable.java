package io.jwsp.spi.close;

import io.jwsp.spi.option.Linger;

/**
 * The close/linger table as one function. The decision is made before anything is touched, so a close that
 * answers WSAEWOULDBLOCK leaves the socket exactly as it was and a retry behaves like a first call.
 */
public final class CloseTable {
    private CloseTable() {
    }

    /**
     * @param linger        the socket's linger setting (SO_LINGER with SO_DONTLINGER applied)
     * @param nonBlocking   whether the socket is in nonblocking mode (FIONBIO or event select)
     * @param dataQueued    whether the provider still holds data the peer has not had (unsent, or unacknowledged)
     * @param sendShutDown  whether shutdown(SD_SEND or SD_BOTH) already initiated the closure; the seeds name it as
     *                      one of the ways to stop a nonblocking lingering close from failing
     */
    public static CloseOutcome decide(Linger linger, boolean nonBlocking, boolean dataQueued, boolean sendShutDown) {
        if (!linger.onOff()) {
            return CloseOutcome.GRACEFUL_IN_BACKGROUND;
        }
        if (linger.seconds() == 0) {
            return CloseOutcome.ABORTIVE;
        }
        if (!dataQueued) {
            return CloseOutcome.GRACEFUL_NOW;
        }
        if (nonBlocking) {
            return sendShutDown ? CloseOutcome.GRACEFUL_IN_BACKGROUND : CloseOutcome.WOULD_BLOCK;
        }
        return CloseOutcome.LINGER_WAIT;
    }
}

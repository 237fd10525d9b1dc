package io.jwsp.spi.kit.state;

import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;

/**
 * One socket's {@link SocketState} and its shutdown directions, with the checks every call makes first. The checks
 * answer the error a call returns, or {@code null} when it may go on, in the order Winsock ranks them: not a socket
 * (closing or closed) before not connected before shut down.
 *
 * <p>Guarded by the socket's lock for every change; {@link #state()} is also safe to read without it (volatile), so
 * a select or a fast path may look without locking.
 */
public final class SocketStatus {
    private volatile SocketState state = SocketState.OPEN;
    // guarded by the socket's lock
    private boolean sendShut;
    private boolean receiveShut;

    public SocketState state() {
        return state;
    }

    public boolean is(SocketState s) {
        return state == s;
    }

    /** Whether closesocket has begun: every call answers WSAENOTSOCK from then on. */
    public boolean isClosing() {
        return state.isClosing();
    }

    /**
     * Moves to {@code next}. Once closing, the state only moves forward ({@link SocketState#CLOSING} to
     * {@link SocketState#CLOSED}); answers false (and changes nothing) for any other move out of a closing state.
     */
    public boolean moveTo(SocketState next) {
        SocketState now = state;
        if (now.isClosing() && next.compareTo(now) <= 0) {
            return false;
        }
        state = next;
        return true;
    }

    /** WSAENOTSOCK once closesocket has begun (closesocket: "further references to s fail"). */
    public WsaError ensureOpen() {
        return state.isClosing() ? WsaError.WSAENOTSOCK : null;
    }

    /** {@link #ensureOpen}, then WSAENOTCONN unless connected. */
    public WsaError ensureConnected() {
        WsaError e = ensureOpen();
        if (e != null) {
            return e;
        }
        return state == SocketState.CONNECTED ? null : WsaError.WSAENOTCONN;
    }

    /** {@link #ensureOpen}, then WSAESHUTDOWN after shutdown(SD_SEND or SD_BOTH); connection is the caller's check. */
    public WsaError ensureCanSend() {
        WsaError e = ensureOpen();
        return e != null ? e : sendShut ? WsaError.WSAESHUTDOWN : null;
    }

    /** {@link #ensureOpen}, then WSAESHUTDOWN after shutdown(SD_RECEIVE or SD_BOTH). */
    public WsaError ensureCanReceive() {
        WsaError e = ensureOpen();
        return e != null ? e : receiveShut ? WsaError.WSAESHUTDOWN : null;
    }

    public boolean sendShut() {
        return sendShut;
    }

    public boolean receiveShut() {
        return receiveShut;
    }

    /**
     * Records shutdown({@code how}) (a valid {@code how}; the caller checked). Answers whether the send direction was
     * shut by this call, so the caller sends its end of stream exactly once.
     */
    public boolean shutdown(int how) {
        boolean newlySendShut = ShutdownHow.stopsSending(how) && !sendShut;
        if (ShutdownHow.stopsSending(how)) {
            sendShut = true;
        }
        if (ShutdownHow.stopsReceiving(how)) {
            receiveShut = true;
        }
        return newlySendShut;
    }

    @Override
    public String toString() {
        return state + (sendShut ? " send-shut" : "") + (receiveShut ? " receive-shut" : "");
    }
}

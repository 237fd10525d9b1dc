package io.jwsp.spi.kit.state;

/**
 * Where one socket is in its life, in order: a state later in the list never goes back to an earlier one once
 * {@link #CLOSING} is reached. The two shutdown directions are not states: they narrow {@link #CONNECTED} and live
 * beside it in {@link SocketStatus}.
 */
public enum SocketState {
    /** Made by WSPSocket, no name yet. */
    OPEN,
    /** Has a local name (bind, or an implicit bind by connect or sendto). */
    BOUND,
    /** listen succeeded. */
    LISTENING,
    /** A nonblocking connect is under way. */
    CONNECTING,
    /** Has a peer (a stream connection, or a datagram socket's default destination). */
    CONNECTED,
    /** closesocket has begun: the handle already answers WSAENOTSOCK; the row of the close table is running. */
    CLOSING,
    /** The close finished; nothing of the socket is left but this object. */
    CLOSED;

    /** Whether closesocket has begun (or finished). */
    public boolean isClosing() {
        return compareTo(CLOSING) >= 0;
    }
}

package io.jwsp.spi.ext;

import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;

/** The SOL_SOCKET options that finish an AcceptEx or a ConnectEx (mswsock.h). */
public final class ExtensionOptions {
    private static final int SOL_SOCKET = 0xFFFF;

    /**
     * Set on the socket AcceptEx accepted into, with the listening socket's handle as the value: the socket takes
     * the listener's context, and getsockname, getpeername and shutdown work from then on.
     */
    public static final SockOpt<Long> SO_UPDATE_ACCEPT_CONTEXT =
            new SockOpt<>(SOL_SOCKET, 0x700B, "SO_UPDATE_ACCEPT_CONTEXT", null);

    /** Set (any value) on the socket ConnectEx connected: getsockname, getpeername and shutdown work from then on. */
    public static final SockOpt<Integer> SO_UPDATE_CONNECT_CONTEXT =
            new SockOpt<>(SOL_SOCKET, 0x7010, "SO_UPDATE_CONNECT_CONTEXT", OptionCodec.INT);

    private ExtensionOptions() {
    }
}

package io.jwsp.provider.loopback;

import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;

/** Options the loopback provider knows beyond {@link SocketOptions#STANDARD}. */
public final class LoopbackOptions {
    /**
     * SO_CONDITIONAL_ACCEPT (0x3002) on a listening stream socket: a connect stays in progress until an accept's
     * condition decides, so CF_REJECT reaches the connector as WSAECONNREFUSED. Without it the connection is
     * completed by the backlog (as TCP does) and a rejection resets it (the connector sees WSAECONNRESET).
     */
    public static final SockOpt<Boolean> SO_CONDITIONAL_ACCEPT =
            new SockOpt<>(SocketOptions.SOL_SOCKET, 0x3002, "SO_CONDITIONAL_ACCEPT", OptionCodec.BOOL);

    private LoopbackOptions() {
    }
}

package io.jwsp.spi.option;

import io.jwsp.spi.addr.IpProtocol;
import java.util.List;

/** The standard options (SOL_SOCKET and the TCP level), with Windows' numbers. */
public final class SocketOptions {
    public static final int SOL_SOCKET = 0xFFFF;

    public static final SockOpt<Boolean> SO_DEBUG = new SockOpt<>(SOL_SOCKET, 0x1, "SO_DEBUG", OptionCodec.BOOL);
    public static final SockOpt<Boolean> SO_ACCEPTCONN =
            new SockOpt<>(SOL_SOCKET, 0x2, "SO_ACCEPTCONN", OptionCodec.BOOL);
    public static final SockOpt<Boolean> SO_REUSEADDR =
            new SockOpt<>(SOL_SOCKET, 0x4, "SO_REUSEADDR", OptionCodec.BOOL);
    public static final SockOpt<Boolean> SO_KEEPALIVE =
            new SockOpt<>(SOL_SOCKET, 0x8, "SO_KEEPALIVE", OptionCodec.BOOL);
    public static final SockOpt<Boolean> SO_BROADCAST =
            new SockOpt<>(SOL_SOCKET, 0x20, "SO_BROADCAST", OptionCodec.BOOL);
    public static final SockOpt<Linger> SO_LINGER = new SockOpt<>(SOL_SOCKET, 0x80, "SO_LINGER", OptionCodec.LINGER);
    public static final SockOpt<Boolean> SO_OOBINLINE =
            new SockOpt<>(SOL_SOCKET, 0x100, "SO_OOBINLINE", OptionCodec.BOOL);
    /** ~SO_LINGER. Flips l_onoff only (see {@link Linger#withDontLinger}). */
    public static final SockOpt<Boolean> SO_DONTLINGER =
            new SockOpt<>(SOL_SOCKET, ~0x80, "SO_DONTLINGER", OptionCodec.BOOL);
    public static final SockOpt<Integer> SO_SNDBUF = new SockOpt<>(SOL_SOCKET, 0x1001, "SO_SNDBUF", OptionCodec.INT);
    public static final SockOpt<Integer> SO_RCVBUF = new SockOpt<>(SOL_SOCKET, 0x1002, "SO_RCVBUF", OptionCodec.INT);
    /** Milliseconds; 0 waits forever. */
    public static final SockOpt<Integer> SO_SNDTIMEO =
            new SockOpt<>(SOL_SOCKET, 0x1005, "SO_SNDTIMEO", OptionCodec.INT);
    /** Milliseconds; 0 waits forever. */
    public static final SockOpt<Integer> SO_RCVTIMEO =
            new SockOpt<>(SOL_SOCKET, 0x1006, "SO_RCVTIMEO", OptionCodec.INT);
    /** Read-only; reading it clears the pending error. */
    public static final SockOpt<Integer> SO_ERROR = new SockOpt<>(SOL_SOCKET, 0x1007, "SO_ERROR", OptionCodec.INT);
    /** Read-only. */
    public static final SockOpt<Integer> SO_TYPE = new SockOpt<>(SOL_SOCKET, 0x1008, "SO_TYPE", OptionCodec.INT);
    /** Read-only. */
    public static final SockOpt<Integer> SO_MAX_MSG_SIZE =
            new SockOpt<>(SOL_SOCKET, 0x2003, "SO_MAX_MSG_SIZE", OptionCodec.INT);
    /** Read-only; no flat byte form in jwsp. */
    public static final SockOpt<io.jwsp.spi.catalog.ProtocolInfo> SO_PROTOCOL_INFO =
            new SockOpt<>(SOL_SOCKET, 0x2005, "SO_PROTOCOL_INFOW", null);
    public static final SockOpt<Boolean> TCP_NODELAY =
            new SockOpt<>(IpProtocol.IPPROTO_TCP, 0x1, "TCP_NODELAY", OptionCodec.BOOL);

    /** Every option above, for the raw get/set path of the API layer. */
    public static final List<SockOpt<?>> STANDARD = List.of(SO_DEBUG, SO_ACCEPTCONN, SO_REUSEADDR, SO_KEEPALIVE,
            SO_BROADCAST, SO_LINGER, SO_OOBINLINE, SO_DONTLINGER, SO_SNDBUF, SO_RCVBUF, SO_SNDTIMEO, SO_RCVTIMEO,
            SO_ERROR, SO_TYPE, SO_MAX_MSG_SIZE, SO_PROTOCOL_INFO, TCP_NODELAY);

    private SocketOptions() {
    }
}

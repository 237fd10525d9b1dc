package io.jwsp.spi.transmit;

/**
 * The {@code dwFlags} of TransmitFile and TransmitPackets (mswsock.h). The worker hints choose a thread on Windows;
 * here they are accepted and change nothing, as TF_WRITE_BEHIND does (a transmit completes once every byte was
 * accepted by the send path, never later).
 */
public final class TransmitFlags {
    /** Start a transport-level disconnect once all the data has been queued. Connection-oriented sockets only. */
    public static final int TF_DISCONNECT = 0x01;
    /** Prepare the socket for reuse (AcceptEx, ConnectEx); valid only with {@link #TF_DISCONNECT}. */
    public static final int TF_REUSE_SOCKET = 0x02;
    /** Complete without pending (TransmitFile only); never with {@link #TF_DISCONNECT} or {@link #TF_REUSE_SOCKET}. */
    public static final int TF_WRITE_BEHIND = 0x04;
    public static final int TF_USE_DEFAULT_WORKER = 0x00;
    public static final int TF_USE_SYSTEM_THREAD = 0x10;
    public static final int TF_USE_KERNEL_APC = 0x20;

    /** Every bit TransmitFile knows. */
    public static final int TRANSMIT_FILE_MASK =
            TF_DISCONNECT | TF_REUSE_SOCKET | TF_WRITE_BEHIND | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC;
    /** Every bit TransmitPackets knows (its page lists no TF_WRITE_BEHIND). */
    public static final int TRANSMIT_PACKETS_MASK =
            TF_DISCONNECT | TF_REUSE_SOCKET | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC;

    /** The most bytes one call may transmit: 2,147,483,646, as TransmitFile's page states. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 1L;
    /** The largest DWORD, the bound of every length and size argument. */
    public static final long MAX_DWORD = 0xFFFF_FFFFL;

    private TransmitFlags() {
    }
}

package io.jwsp.provider.loopback.stream;

/**
 * The blocking send and recv of one side that wait with their buffers for the peer's calls to copy straight into or
 * out of them ({@link DirectReceive}, {@link DirectSend}); guarded by the connection's lock. An object of its own,
 * not fields of the socket: each side sets and clears these on every large transfer while the peer reads the
 * socket's other fields on every call, and fields on one cache line would pull that line between the two
 * processors' caches each time (a transfer costs 30 to 170 ns on a VM, as the host places its vCPUs).
 */
final class DirectCalls {
    /**
     * A socket's calls before any waited for a direct copy: its fields are read, never written (every write goes
     * through the socket's own object, made on first use), so they stay null.
     */
    static final DirectCalls NONE = new DirectCalls();

    /** A blocking recv parked with its buffers, for the peer's sends to fill; {@code null} when none. */
    DirectReceive receive;
    /** A blocking send waiting with its buffers, for the peer's receives to take; {@code null} when none. */
    DirectSend send;
}

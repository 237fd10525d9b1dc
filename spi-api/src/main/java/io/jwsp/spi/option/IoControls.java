package io.jwsp.spi.option;

/** The standard ioctls of ioctlsocket/WSAIoctl. */
public final class IoControls {
    /** true: nonblocking. WSAEINVAL while event select is active and the argument is false. */
    public static final IoControl<Boolean, Void> FIONBIO =
            new IoControl<>(0x8004667E, "FIONBIO", Boolean.class, Void.class);
    /** Bytes readable at once (for a message socket, the size of the first message). */
    public static final IoControl<Void, Integer> FIONREAD =
            new IoControl<>(0x4004667F, "FIONREAD", Void.class, Integer.class);
    /** true when no OOB data waits to be read. */
    public static final IoControl<Void, Boolean> SIOCATMARK =
            new IoControl<>(0x40047307, "SIOCATMARK", Void.class, Boolean.class);

    private IoControls() {
    }
}

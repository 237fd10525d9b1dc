package io.jwsp.spi.ext.connect;

/** The TF_* flags of mswsock.h that DisconnectEx (and TransmitFile/TransmitPackets) take. */
public final class TransmitFlags {
    public static final int TF_DISCONNECT = 0x01;
    public static final int TF_REUSE_SOCKET = 0x02;
    public static final int TF_WRITE_BEHIND = 0x04;
    public static final int TF_USE_DEFAULT_WORKER = 0x00;
    public static final int TF_USE_SYSTEM_THREAD = 0x10;
    public static final int TF_USE_KERNEL_APC = 0x20;

    private TransmitFlags() {
    }
}

package io.jwsp.spi.io;

/** MSG_* flags of send and recv. */
public final class MsgFlags {
    public static final int MSG_OOB = 0x1;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_DONTROUTE = 0x4;
    public static final int MSG_WAITALL = 0x8;
    public static final int MSG_PARTIAL = 0x8000;

    private MsgFlags() {
    }
}

package io.jwsp.spi.addr;

/** SOCK_* numbers. */
public final class SocketType {
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_RDM = 4;
    public static final int SOCK_SEQPACKET = 5;

    private SocketType() {
    }

    public static String name(int type) {
        return switch (type) {
            case 0 -> "0";
            case SOCK_STREAM -> "SOCK_STREAM";
            case SOCK_DGRAM -> "SOCK_DGRAM";
            case SOCK_RAW -> "SOCK_RAW";
            case SOCK_RDM -> "SOCK_RDM";
            case SOCK_SEQPACKET -> "SOCK_SEQPACKET";
            default -> "SOCK_" + type;
        };
    }
}

package io.jwsp.spi.io;

/** shutdown's {@code how}. Any other value is WSAEINVAL. */
public final class ShutdownHow {
    public static final int SD_RECEIVE = 0;
    public static final int SD_SEND = 1;
    public static final int SD_BOTH = 2;

    private ShutdownHow() {
    }

    public static boolean isValid(int how) {
        return how >= SD_RECEIVE && how <= SD_BOTH;
    }

    public static boolean stopsSending(int how) {
        return how == SD_SEND || how == SD_BOTH;
    }

    public static boolean stopsReceiving(int how) {
        return how == SD_RECEIVE || how == SD_BOTH;
    }
}

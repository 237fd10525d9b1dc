package io.jwsp.spi.addr;

/** Windows' AF_* numbers. Never take them from the host: Linux's AF_IRDA is 23, Windows' AF_INET6. */
public final class AddressFamily {
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_ATM = 22;
    public static final int AF_INET6 = 23;
    public static final int AF_IRDA = 26;

    private AddressFamily() {
    }

    public static String name(int af) {
        return switch (af) {
            case AF_UNSPEC -> "AF_UNSPEC";
            case AF_UNIX -> "AF_UNIX";
            case AF_INET -> "AF_INET";
            case AF_ATM -> "AF_ATM";
            case AF_INET6 -> "AF_INET6";
            case AF_IRDA -> "AF_IRDA";
            default -> "AF_" + af;
        };
    }
}

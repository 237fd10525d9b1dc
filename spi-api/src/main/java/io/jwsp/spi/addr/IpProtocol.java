package io.jwsp.spi.addr;

/** IPPROTO_* numbers and the IP-level option numbers jwsp knows. */
public final class IpProtocol {
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;

    private IpProtocol() {
    }
}

package io.jwsp.bridge;

import io.jwsp.spi.addr.SockAddr;
import java.io.Serial;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A {@link SocketAddress} for any jwsp address family the JDK has no type for: an IrDA device and service name
 * (AF_IRDA), an ATM address with its SAPs (AF_ATM). Inet addresses stay {@link java.net.InetSocketAddress}.
 */
public final class JwspSocketAddress extends SocketAddress {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient SockAddr sockAddr;

    public JwspSocketAddress(SockAddr sockAddr) {
        this.sockAddr = Objects.requireNonNull(sockAddr, "sockAddr");
    }

    public SockAddr sockAddr() {
        return sockAddr;
    }

    public int addressFamily() {
        return sockAddr.addressFamily();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwspSocketAddress a && a.sockAddr.equals(sockAddr);
    }

    @Override
    public int hashCode() {
        return sockAddr.hashCode();
    }

    @Override
    public String toString() {
        return sockAddr.toString();
    }
}

package io.jwsp.bridge;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

/** Conversions between the JDK's socket addresses and jwsp's: inet addresses map to {@link InetSocketAddress}. */
final class SocketAddresses {
    private SocketAddresses() {
    }

    static SockAddr toSockAddr(SocketAddress address) {
        return switch (address) {
            case null -> throw new IllegalArgumentException("address is null");
            case InetSocketAddress inet when inet.isUnresolved() -> throw new UnresolvedAddressException();
            case InetSocketAddress inet -> InetSockAddr.of(inet);
            case JwspSocketAddress jwsp -> jwsp.sockAddr();
            default -> throw new UnsupportedAddressTypeException();
        };
    }

    static SocketAddress toSocketAddress(SockAddr address) {
        return switch (address) {
            case null -> null;
            case InetSockAddr inet -> inet.toInetSocketAddress();
            default -> new JwspSocketAddress(address);
        };
    }
}

package io.jwsp.layer.faults;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;

/** What a rule may look at to choose its sockets. */
public interface FaultTarget {
    /** 1 for the first socket the layer instance made (accepted sockets included), 2 for the next, ... */
    int ordinal();

    /** Whether accept (or joinLeaf) made this socket. */
    boolean accepted();

    ProtocolInfo protocolInfo();

    /** The local address now, or {@code null}. */
    SockAddr localAddress();

    /** The peer's address now, or {@code null}. */
    SockAddr peerAddress();
}

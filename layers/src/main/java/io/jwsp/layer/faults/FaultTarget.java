package io.jwsp.layer.faults;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;

/**
 * What a rule may look at to choose its sockets. Provider-wide calls (socket, select, startup, cleanup) are matched
 * against a target with ordinal 0, no protocol info and no addresses.
 */
public interface FaultTarget {
    /** 1 for the first socket the layer instance made (accepted sockets included), 2 for the next, ... */
    int ordinal();

    /** Whether accept (or joinLeaf) made this socket. */
    boolean accepted();

    /** The entry the socket was made from, as the socket below reports it; {@code null} for provider-wide calls. */
    ProtocolInfo protocolInfo();

    /** The local address now, or {@code null}. */
    SockAddr localAddress();

    /** The peer's address now, or {@code null}. */
    SockAddr peerAddress();
}

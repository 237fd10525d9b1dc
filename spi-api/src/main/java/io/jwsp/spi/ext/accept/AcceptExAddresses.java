package io.jwsp.spi.ext.accept;

import io.jwsp.spi.addr.SockAddr;
import java.util.Objects;

/** What GetAcceptExSockaddrs finds in an AcceptEx buffer: the accepted connection's two ends. */
public record AcceptExAddresses(SockAddr local, SockAddr remote) {
    public AcceptExAddresses {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }
}

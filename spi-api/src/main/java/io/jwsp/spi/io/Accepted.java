package io.jwsp.spi.io;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;

/** What accept gives a provider's caller: the new socket and the peer's address. */
public record Accepted(WspSocket socket, SockAddr peer) {
}

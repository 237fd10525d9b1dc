package io.jwsp.spi.io;

import io.jwsp.spi.addr.SockAddr;

/** WSPAccept's condition function: decides on a pending connection before it is accepted. */
@FunctionalInterface
public interface AcceptCondition {
    int CF_ACCEPT = 0;
    int CF_REJECT = 1;
    int CF_DEFER = 2;

    /** Answers {@link #CF_ACCEPT}, {@link #CF_REJECT} (the caller sees WSAECONNREFUSED) or {@link #CF_DEFER}. */
    int decide(SockAddr caller);
}

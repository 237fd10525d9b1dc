package io.jwsp.spi.close;

import io.jwsp.spi.addr.SockAddr;

/**
 * A provider extension (through {@code WspProvider.unwrap}) that tells whether a connection's closing side sits in
 * TIME_WAIT now: the loopback provider from its own table, the TCP provider from what the kernel reports.
 */
public interface TimeWaitQuery {
    boolean inTimeWait(SockAddr local, SockAddr peer);
}

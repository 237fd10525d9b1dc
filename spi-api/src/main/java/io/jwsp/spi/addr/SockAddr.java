package io.jwsp.spi.addr;

/**
 * A socket address (SOCKADDR) of some address family. Each family brings its own implementation
 * ({@link InetSockAddr} here; IrDA and ATM addresses in their providers).
 */
public interface SockAddr {
    /** Windows' AF_* number. */
    int addressFamily();
}

package io.jwsp.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connected TCP pair on 127.0.0.1 that {@link TcpBenchmark} drives: the client end, used by the benchmark thread,
 * and the accepted end, served by the fork's one {@link SharedPeer}. jwsp's (through the Winsock API) and raw
 * java.nio's are set up alike: IPv4 sockets, blocking, TCP_NODELAY on both ends, the kernel's own buffer sizes.
 */
interface TcpSide extends AutoCloseable {
    /** One send on the client end; answers the bytes sent. */
    int clientSend(ByteBuffer b) throws IOException;

    /** One receive on the client end; answers the bytes received. */
    int clientRecv(ByteBuffer b) throws IOException;

    /** One receive on the accepted end: the bytes, or 0 or less at the end of the stream or on a failure. */
    int serverRecv(ByteBuffer b) throws IOException;

    /** One send on the accepted end; answers whether it succeeded. */
    boolean serverSend(ByteBuffer b) throws IOException;

    /** Ends the client end (the peer then reads the end of the stream); the rest stays for {@link #close}. */
    void closeClient() throws IOException;

    /** Closes whatever the pair still holds. */
    @Override
    void close() throws IOException;

    /**
     * A side made by name: {@code jwsp} (the TCP provider), {@code raw} (blocking IPv4 SocketChannels) or
     * {@code raw6} (the JDK's default dual-stack SocketChannels).
     */
    static TcpSide named(String name) throws IOException {
        return switch (name) {
            case "jwsp" -> new JwspTcpSide();
            case "raw" -> new RawTcpSide(false);
            case "raw6" -> new RawTcpSide(true);
            default -> throw new IllegalArgumentException("a TCP side is jwsp, raw or raw6, not " + name);
        };
    }
}

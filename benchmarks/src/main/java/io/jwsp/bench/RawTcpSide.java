package io.jwsp.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Raw blocking java.nio SocketChannels: the anchor. IPv4 channels, as the TCP provider opens for AF_INET; or, for a
 * comparison, the JDK's default dual-stack channels (IPv6 sockets carrying 127.0.0.1 as a v4-mapped address, a
 * different kernel path for the same traffic), which the bench's anchor used before.
 */
final class RawTcpSide implements TcpSide {
    private final String name;
    private final ServerSocketChannel listener;
    private final SocketChannel client;
    private final SocketChannel server;

    /** IPv4 channels ({@code dualStack} false) or the JDK's default ones. */
    RawTcpSide(boolean dualStack) throws IOException {
        name = dualStack ? "raw-dual-stack" : "raw";
        listener = (dualStack ? ServerSocketChannel.open() : ServerSocketChannel.open(StandardProtocolFamily.INET))
                .bind(new InetSocketAddress("127.0.0.1", 0));
        client = dualStack ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.INET);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.connect(listener.getLocalAddress());
        server = listener.accept();
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    @Override
    public int clientSend(ByteBuffer b) throws IOException {
        return client.write(b);
    }

    @Override
    public int clientRecv(ByteBuffer b) throws IOException {
        return client.read(b);
    }

    @Override
    public int serverRecv(ByteBuffer b) throws IOException {
        return server.read(b);
    }

    @Override
    public boolean serverSend(ByteBuffer b) throws IOException {
        server.write(b);
        return true;
    }

    @Override
    public void closeClient() throws IOException {
        client.close();
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
        listener.close();
    }

    @Override
    public String toString() {
        return name;
    }
}

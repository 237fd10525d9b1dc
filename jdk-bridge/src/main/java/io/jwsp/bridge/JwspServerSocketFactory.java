package io.jwsp.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javax.net.ServerSocketFactory;

/** A {@link ServerSocketFactory} whose server sockets run over a jwsp provider. */
public final class JwspServerSocketFactory extends ServerSocketFactory {
    private final JwspSelectorProvider provider;

    JwspServerSocketFactory(JwspSelectorProvider provider) {
        this.provider = provider;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return provider.openServerSocketChannel().socket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        ServerSocket s = createServerSocket();
        try {
            s.bind(ifAddress == null && port == 0 ? null
                    : new InetSocketAddress(ifAddress == null ? InetAddress.getLoopbackAddress() : ifAddress, port),
                    backlog);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }
}

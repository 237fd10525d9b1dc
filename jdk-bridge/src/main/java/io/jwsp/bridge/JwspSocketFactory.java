package io.jwsp.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/** A {@link SocketFactory} whose sockets run over a jwsp provider: hand it to blocking client code. */
public final class JwspSocketFactory extends SocketFactory {
    private final JwspSelectorProvider provider;

    JwspSocketFactory(JwspSelectorProvider provider) {
        this.provider = provider;
    }

    @Override
    public Socket createSocket() throws IOException {
        return provider.openSocketChannel().socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(InetAddress.getByName(host), port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        try {
            s.connect(new InetSocketAddress(host, port));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = createSocket();
        try {
            s.bind(new InetSocketAddress(localAddress, localPort));
            s.connect(new InetSocketAddress(address, port));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }
}

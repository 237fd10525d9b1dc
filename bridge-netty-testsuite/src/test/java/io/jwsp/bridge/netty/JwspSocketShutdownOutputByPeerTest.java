package io.jwsp.bridge.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import io.netty.testsuite.transport.socket.SocketShutdownOutputByPeerTest;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Netty's {@link SocketShutdownOutputByPeerTest}, unchanged, on the transport {@link NettyTransport} names; its
 * peer, a plain {@link Socket}, is made by the same transport's socket factory.
 */
@ExtendWith(DocumentedDifferences.class)
class JwspSocketShutdownOutputByPeerTest extends SocketShutdownOutputByPeerTest {
    @Override
    protected List<BootstrapFactory<ServerBootstrap>> newFactories() {
        return NettyTransport.current().serverSocket();
    }

    @Override
    protected Socket newSocket() {
        return NettyTransport.current().newPeerSocket();
    }
}

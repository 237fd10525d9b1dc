package io.jwsp.bridge.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import io.netty.testsuite.transport.socket.ServerSocketSuspendTest;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** Netty's {@link ServerSocketSuspendTest}, unchanged, on the transport {@link NettyTransport} names. */
@ExtendWith(DocumentedDifferences.class)
class JwspServerSocketSuspendTest extends ServerSocketSuspendTest {
    @Override
    protected List<BootstrapFactory<ServerBootstrap>> newFactories() {
        return NettyTransport.current().serverSocket();
    }
}

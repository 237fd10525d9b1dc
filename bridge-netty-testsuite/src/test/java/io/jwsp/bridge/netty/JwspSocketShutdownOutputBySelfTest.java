package io.jwsp.bridge.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import io.netty.testsuite.transport.socket.SocketShutdownOutputBySelfTest;
import java.util.List;

/** Netty's {@link SocketShutdownOutputBySelfTest}, unchanged, on the transport {@link NettyTransport} names. */
class JwspSocketShutdownOutputBySelfTest extends SocketShutdownOutputBySelfTest {
    @Override
    protected List<BootstrapFactory<Bootstrap>> newFactories() {
        return NettyTransport.current().clientSocket();
    }
}

package io.jwsp.bridge.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import io.netty.testsuite.transport.socket.SocketChannelNotYetConnectedTest;
import java.util.List;

/** Netty's {@link SocketChannelNotYetConnectedTest}, unchanged, on the transport {@link NettyTransport} names. */
class JwspSocketChannelNotYetConnectedTest extends SocketChannelNotYetConnectedTest {
    @Override
    protected List<BootstrapFactory<Bootstrap>> newFactories() {
        return NettyTransport.current().clientSocket();
    }
}

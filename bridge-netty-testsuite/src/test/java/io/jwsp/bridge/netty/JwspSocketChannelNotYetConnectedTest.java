package io.jwsp.bridge.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import io.netty.testsuite.transport.socket.SocketChannelNotYetConnectedTest;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** Netty's {@link SocketChannelNotYetConnectedTest}, unchanged, on the transport {@link NettyTransport} names. */
@ExtendWith(DocumentedDifferences.class)
class JwspSocketChannelNotYetConnectedTest extends SocketChannelNotYetConnectedTest {
    @Override
    protected List<BootstrapFactory<Bootstrap>> newFactories() {
        return NettyTransport.current().clientSocket();
    }
}

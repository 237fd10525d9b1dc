package io.jwsp.bridge.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapFactory;
import io.netty.testsuite.transport.socket.SocketShutdownOutputBySelfTest;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** Netty's {@link SocketShutdownOutputBySelfTest}, unchanged, on the transport {@link NettyTransport} names. */
@ExtendWith(DocumentedDifferences.class)
class JwspSocketShutdownOutputBySelfTest extends SocketShutdownOutputBySelfTest {
    @Override
    protected List<BootstrapFactory<Bootstrap>> newFactories() {
        return NettyTransport.current().clientSocket();
    }
}

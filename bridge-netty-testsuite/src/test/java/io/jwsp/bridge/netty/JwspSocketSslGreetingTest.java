package io.jwsp.bridge.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapComboFactory;
import io.netty.testsuite.transport.socket.SocketSslGreetingTest;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** Netty's {@link SocketSslGreetingTest}, unchanged, on the transport {@link NettyTransport} names. */
@ExtendWith(DocumentedDifferences.class)
class JwspSocketSslGreetingTest extends SocketSslGreetingTest {
    @Override
    protected List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> newFactories() {
        return NettyTransport.current().socket();
    }
}

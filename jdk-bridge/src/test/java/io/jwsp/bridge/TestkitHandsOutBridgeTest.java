package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.testkit.JwspTest;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/** A user's blocking networking code, handed factories by the testkit, on the test's runtime and clock. */
class TestkitHandsOutBridgeTest {

    @Test
    @JwspTest(providers = LoopbackProviderFactory.class)
    void factoriesRunTheUsersCodeOverTheTestsRuntime(SocketFactory sockets, ServerSocketFactory servers,
                                                     JwspSelectorProvider nio) throws Exception {
        assertTrue(nio.streamEntry().name().contains("loopback"));
        try (ServerSocket server = servers.createServerSocket(0);
             Socket client = sockets.createSocket("127.0.0.1", server.getLocalPort());
             Socket peer = server.accept()) {
            client.getOutputStream().write(new byte[] {1, 2, 3});
            client.shutdownOutput();
            try (InputStream in = peer.getInputStream()) {
                assertEquals(3, in.readAllBytes().length);
            }
        }
    }
}

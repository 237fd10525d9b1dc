package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.faults.FaultLayer;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WsaException;
import io.jwsp.testkit.JwspTest;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
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

    /** The user's read loop must report a network failure mid-stream: the fault layer makes recv's 3rd call fail. */
    @Test
    @JwspTest(providers = LoopbackProviderFactory.class, layers = FaultLayer.class,
            settings = {"faults.plan=recv accepted after 2 fail WSAENETDOWN"})
    void theUsersCodeRunsUnderTheFaultLayer(SocketFactory sockets, ServerSocketFactory servers) throws Exception {
        try (ServerSocket server = servers.createServerSocket(0);
             Socket client = sockets.createSocket("127.0.0.1", server.getLocalPort());
             Socket peer = server.accept()) {
            InputStream in = peer.getInputStream();
            int reads = 0;
            SocketException failure = null;
            try {
                while (true) {
                    client.getOutputStream().write(1);
                    in.read();
                    reads++;
                }
            } catch (SocketException e) {
                failure = e;
            }
            assertEquals(2, reads, "two reads pass, the third meets the fault");
            assertEquals("Network is down", failure.getMessage());
            assertEquals(WsaError.WSAENETDOWN, ((WsaException) failure.getCause()).error());
        }
    }
}

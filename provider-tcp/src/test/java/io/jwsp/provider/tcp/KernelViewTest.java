package io.jwsp.provider.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.kernel.FdLocator;
import io.jwsp.provider.tcp.kernel.NativeSockets;
import io.jwsp.provider.tcp.kernel.ProcNetTcp;
import io.jwsp.provider.tcp.kernel.TcpState;
import io.jwsp.provider.tcp.support.TcpHarness;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FFM and /proc views the close table relies on, checked against sockets the JDK made. */
class KernelViewTest {

    @Test
    void fdLocator_findsTheChannelsDescriptor_withoutJdkInternals() throws Exception {
        assertTrue(NativeSockets.available(), NativeSockets.unavailableReason());
        try (ServerSocket server = TcpHarness.listener4();
             SocketChannel ch = SocketChannel.open(new InetSocketAddress(server.getInetAddress(),
                     server.getLocalPort()));
             Socket peerSocket = server.accept()) {
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
            int fd = FdLocator.find(local, remote);
            assertTrue(fd >= 0);
            assertEquals(local, NativeSockets.localAddress(fd));
            assertEquals(remote, NativeSockets.peerAddress(fd));
            assertEquals(0, NativeSockets.unacknowledged(fd), "nothing sent yet");
            ch.write(java.nio.ByteBuffer.allocate(1000));
            TcpHarness.awaitKernel("the peer's ACK", () -> NativeSockets.unacknowledged(fd) == 0);
            assertEquals(List.of(TcpState.ESTABLISHED), ProcNetTcp.states(local, remote));
        }
    }

    @Test
    void procNetTcp_parsesBothTables() {
        assertEquals(new InetSocketAddress("127.0.0.1", 8080), parse("0100007F:1F90"));
        assertEquals(new InetSocketAddress("::1", 443), parse("00000000000000000000000001000000:01BB"));
        assertEquals(new InetSocketAddress("127.0.0.1", 1), parse("0000000000000000FFFF00000100007F:0001"),
                "an IPv4-mapped address is the IPv4 address");
    }

    private static InetSocketAddress parse(String field) {
        try {
            var m = ProcNetTcp.class.getDeclaredMethod("parse", String.class);
            m.setAccessible(true);
            return (InetSocketAddress) m.invoke(null, field);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

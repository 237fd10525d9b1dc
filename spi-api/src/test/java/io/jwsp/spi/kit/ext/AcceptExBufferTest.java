package io.jwsp.spi.kit.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.ext.accept.AcceptExAddresses;
import io.jwsp.spi.result.WsaError;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The AcceptEx buffer: Windows' SOCKADDR_IN bytes behind a length, in slots after the received data. */
class AcceptExBufferTest {
    private final InetSockAddrLayout layout = new InetSockAddrLayout();

    @Test
    void sockaddrIn_isWindowsLayout() throws Exception {
        byte[] b = layout.encode(new InetSockAddr(InetAddress.getByName("127.0.0.1"), 0x1F90)).value();
        // family 2 little-endian, port 8080 in network order, the address, eight zero bytes
        assertArrayEquals(new byte[] {2, 0, 0x1F, (byte) 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, b);
    }

    @Test
    void writeThenRead_fromTheBuffersPosition_behindTheData() throws Exception {
        InetSockAddr local = new InetSockAddr(InetAddress.getByName("127.0.0.1"), 5000);
        InetSockAddr remote = new InetSockAddr(InetAddress.getByName("::1"), 6000);
        ByteBuffer out = ByteBuffer.allocate(8 + 10 + 2 * 44).position(8);
        assertNull(AcceptExBuffer.write(out, 10, 44, 44, local, remote, layout));
        assertEquals(8, out.position(), "the position does not move");
        assertEquals(16, out.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(8 + 10), "the local slot's length");
        AcceptExAddresses a = AcceptExBuffer.read(out, 10, 44, 44, layout).value();
        assertEquals(local, a.local());
        assertEquals(remote, a.remote());
    }

    @Test
    void shortSlots_andGarbage_answerErrorCodes() throws Exception {
        InetSockAddr v6 = new InetSockAddr(InetAddress.getByName("::1"), 1);
        assertEquals(WsaError.WSAEFAULT, AcceptExBuffer.write(ByteBuffer.allocate(64), 0, 31, 31, v6, v6, layout),
                "a 28-byte address in a 31-byte slot (4 for the length)");
        assertEquals(WsaError.WSAEFAULT, AcceptExBuffer.read(ByteBuffer.allocate(10), 0, 44, 44, layout).error());
        assertEquals(WsaError.WSAEINVAL, AcceptExBuffer.read(ByteBuffer.allocate(88), 0, 44, 44, layout).error(),
                "an all-zero buffer holds no address");
        ByteBuffer lying = ByteBuffer.allocate(88).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1000);
        assertEquals(WsaError.WSAEINVAL, AcceptExBuffer.read(lying, 0, 44, 44, layout).error(),
                "a length beyond its slot");
    }
}

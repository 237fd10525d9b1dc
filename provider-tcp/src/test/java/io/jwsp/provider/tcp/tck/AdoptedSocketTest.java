package io.jwsp.provider.tcp.tck;

import static io.jwsp.provider.tcp.tck.DuplicateBench.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.dup.DuplicateMessage;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket adopted from another holder's descriptor behaves as any tcp socket: nonblocking calls, select, event
 * select, overlapped receives, and the close table's rows when its close is the connection's last (the other holder,
 * a JDK socket here, closed first).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdoptedSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    private DuplicateBench bench;
    private Winsock ws;
    private ServerSocket peers;
    private Socket peer;
    private long s;

    @BeforeEach
    void adopt() throws IOException {
        bench = new DuplicateBench(dir);
        ws = bench.ws;
        peers = DuplicateBench.peerListener();
        try (Socket source = DuplicateBench.client(peers)) {
            peer = DuplicateBench.accepted(peers);
            byte[] token = DuplicateBench.token();
            assertEquals(DuplicateMessage.PARKED, bench.exchange(DuplicateBench.message(token),
                    DuplicateBench.fdOf(source)));
            s = ok(ws.socket(bench.info(token), 0), "WSASocket(FROM_PROTOCOL_INFO)");
        } // the source's descriptor closes here: the adopted one is the connection's last
    }

    @AfterEach
    void stop() throws IOException {
        ws.closeSocket(s);
        peer.close();
        peers.close();
        bench.close();
    }

    @Test
    @DisplayName("FIONBIO: recv with nothing there is WSAEWOULDBLOCK; select reports readable once the peer writes")
    void nonBlockingAndSelect() throws IOException {
        ok(ws.ioctl(s, IoControls.FIONBIO, true), "FIONBIO");
        assertEquals(WsaError.WSAEWOULDBLOCK, ws.recv(s, ByteBuffer.allocate(8), 0).error());
        assertTrue(ok(ws.select(Set.of(), Set.of(s), Set.of(), WAIT), "select(write)").write().contains(s),
                "a connected socket is writable");
        peer.getOutputStream().write(new byte[] {1, 2});
        assertTrue(ok(ws.select(Set.of(s), Set.of(), Set.of(), WAIT), "select(read)").read().contains(s));
        ByteBuffer b = ByteBuffer.allocate(2);
        while (b.hasRemaining()) {
            ok(ws.recv(s, b, 0), "recv");
        }
        assertArrayEquals(new byte[] {1, 2}, b.array());
    }

    @Test
    @DisplayName("WSAEventSelect: FD_READ is recorded and the event set when the peer writes")
    void eventSelect() throws IOException {
        WspEvent e = ws.createEvent();
        ok(ws.eventSelect(s, e, FdEvents.FD_READ | FdEvents.FD_CLOSE), "WSAEventSelect");
        peer.getOutputStream().write(7);
        assertEquals(0, ok(ws.waitForMultipleEvents(List.of(e), false, WAIT, false), "wait for FD_READ"));
        NetworkEvents ev = ok(ws.enumNetworkEvents(s, e), "WSAEnumNetworkEvents");
        assertTrue((ev.occurred() & FdEvents.FD_READ) != 0, "FD_READ recorded: " + ev);
    }

    @Test
    @DisplayName("an overlapped WSARecv pends and completes when the peer writes")
    void overlappedRecv() throws IOException {
        WspEvent e = ws.createEvent();
        Overlapped o = Overlapped.withEvent(e);
        ByteBuffer b = ByteBuffer.allocate(3);
        WspResult<Integer> r = ws.wsaRecv(s, new ByteBuffer[] {b}, 0, o);
        assertTrue(r.isPending() || r.isOk(), "WSARecv overlapped: " + r);
        peer.getOutputStream().write(new byte[] {4, 5, 6});
        int n = ok(ws.getOverlappedResult(s, o, true), "WSAGetOverlappedResult(wait)");
        assertTrue(n > 0, "bytes received: " + n);
    }

    @Test
    @DisplayName("the last close with linger(1,0) resets the connection; with the default it ends with a FIN")
    void lastCloseRows() throws IOException {
        ok(ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(0)), "linger(1,0)");
        ok(ws.closeSocket(s), "closesocket");
        assertThrows(SocketException.class, () -> peer.getInputStream().read(), "an RST");
    }

    @Test
    @DisplayName("the last close by default ends the connection with a FIN after the data")
    void lastCloseGraceful() throws IOException {
        ok(ws.send(s, ByteBuffer.wrap(new byte[] {9, 9}), 0), "send");
        ok(ws.closeSocket(s), "closesocket");
        assertArrayEquals(new byte[] {9, 9}, peer.getInputStream().readNBytes(2));
        assertEquals(-1, peer.getInputStream().read(), "a FIN after the data");
    }
}

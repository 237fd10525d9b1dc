package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.event.FdEvents;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Handles after close (closesocket: "further references to s will fail with the error WSAENOTSOCK"), bogus and
 * stale handles (DESIGN.md, Handles), and double close.
 */
public abstract class HandleContract extends ShutdownContract {

    /** Every call of the API that takes a socket, made on {@code h} (some with bad arguments besides). */
    protected Map<String, Supplier<WspResult<?>>> everyCall(long h) {
        Map<String, Supplier<WspResult<?>>> calls = new LinkedHashMap<>();
        calls.put("closesocket", () -> ws.closeSocket(h));
        calls.put("shutdown(SD_SEND)", () -> ws.shutdown(h, ShutdownHow.SD_SEND));
        calls.put("shutdown(99)", () -> ws.shutdown(h, 99));
        calls.put("bind", () -> ws.bind(h, put.listenAddress()));
        calls.put("bind(null)", () -> ws.bind(h, null));
        calls.put("listen", () -> ws.listen(h, 1));
        calls.put("accept", () -> ws.accept(h));
        calls.put("WSAAccept", () -> ws.accept(h, caller -> AcceptCondition.CF_ACCEPT));
        calls.put("connect", () -> ws.connect(h, put.listenAddress()));
        calls.put("getsockname", () -> ws.getSockName(h));
        calls.put("getpeername", () -> ws.getPeerName(h));
        calls.put("send", () -> ws.send(h, ByteBuffer.allocate(8), 0));
        calls.put("send(null)", () -> ws.send(h, null, 0));
        calls.put("recv", () -> ws.recv(h, ByteBuffer.allocate(8), 0));
        calls.put("recv(null)", () -> ws.recv(h, null, 0));
        calls.put("sendto", () -> ws.sendTo(h, ByteBuffer.allocate(8), 0, put.listenAddress()));
        calls.put("recvfrom", () -> ws.recvFrom(h, ByteBuffer.allocate(8), 0));
        calls.put("WSASend", () -> ws.wsaSend(h, new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null));
        calls.put("WSARecv", () -> ws.wsaRecv(h, new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null));
        calls.put("WSARecv(overlapped)", () -> ws.wsaRecv(h, new ByteBuffer[] {ByteBuffer.allocate(8)}, 0,
                Overlapped.polled()));
        calls.put("WSAGetOverlappedResult", () -> ws.getOverlappedResult(h, Overlapped.polled(), false));
        calls.put("setsockopt(SO_LINGER)", () -> ws.setSockOpt(h, SocketOptions.SO_LINGER, Linger.of(1)));
        calls.put("getsockopt(SO_LINGER)", () -> ws.getSockOpt(h, SocketOptions.SO_LINGER));
        calls.put("setsockopt(raw, null)", () -> ws.setSockOpt(h, SocketOptions.SOL_SOCKET,
                SocketOptions.SO_LINGER.name(), null, 0));
        calls.put("getsockopt(raw)", () -> ws.getSockOpt(h, SocketOptions.SOL_SOCKET,
                SocketOptions.SO_LINGER.name(), new byte[4], 4));
        calls.put("ioctlsocket(FIONBIO)", () -> ws.ioctl(h, IoControls.FIONBIO, true));
        calls.put("ioctlsocket(FIONREAD)", () -> ws.ioctl(h, IoControls.FIONREAD, null));
        calls.put("WSAEventSelect", () -> ws.eventSelect(h, ws.createEvent(), FdEvents.FD_READ));
        calls.put("WSAEnumNetworkEvents", () -> ws.enumNetworkEvents(h, null));
        calls.put("WSADuplicateSocket", () -> ws.duplicateSocket(h));
        calls.put("select", () -> ws.select(Set.of(h), Set.of(), Set.of(), Duration.ZERO));
        return calls;
    }

    /** Asserts every call on {@code h} answers WSAENOTSOCK without throwing, and reports all that do not. */
    protected void assertEveryCallIsNotSock(long h, String which) {
        List<Executable> checks = new ArrayList<>();
        everyCall(h).forEach((name, call) -> checks.add(() -> {
            // On its own thread with a bound: a call that wrongly reaches a socket could block.
            WspResult<?> r = atOnce(name + " on " + which, call::get);
            if (r.isOk() && r.value() instanceof Long extra && extra != Winsock.INVALID_SOCKET) {
                track(extra);
            }
            fails(WsaError.WSAENOTSOCK, r, name + " on " + which);
        }));
        assertAll(which, checks);
    }

    @Test
    @DisplayName("closesocket Remarks: after close every call on the handle answers WSAENOTSOCK")
    public void required_closesocket_closedHandle_everyCallIsWSAENOTSOCK() {
        Connection c = connect();
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket");
        assertEveryCallIsNotSock(c.client(), "a closed connected socket");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.listener())), "closesocket(listener)");
        assertEveryCallIsNotSock(c.listener(), "a closed listener");
    }

    @Test
    @DisplayName("DESIGN Handles: a value the runtime never issued answers WSAENOTSOCK, before any other argument")
    public void required_closesocket_bogusHandle_everyCallIsWSAENOTSOCK() {
        for (long bogus : new long[] {0L, 1L, 2L, 7L, 12345L, Winsock.INVALID_SOCKET, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEveryCallIsNotSock(bogus, "bogus handle " + bogus);
        }
        long s = open();
        for (long forged : new long[] {s + 1, s - 1, s ^ (1L << 32), s ^ (1L << 40), ~s}) {
            if (forged != s) {
                assertEveryCallIsNotSock(forged, "forged handle " + forged + " (next to " + s + ")");
            }
        }
        assertEquals(Linger.DONT_LINGER, linger(s), "the real socket is untouched");
    }

    @Test
    @DisplayName("closesocket: closing twice answers WSAENOTSOCK the second time, and every time after")
    public void required_closesocket_doubleClose_isWSAENOTSOCK() {
        Connection c = connect();
        for (long h : new long[] {c.client(), c.accepted(), c.listener()}) {
            ok(atOnce("closesocket", () -> ws.closeSocket(h)), "first closesocket");
            fails(WsaError.WSAENOTSOCK, ws.closeSocket(h), "second closesocket");
            fails(WsaError.WSAENOTSOCK, ws.closeSocket(h), "third closesocket");
        }
        long fresh = open();
        ok(ws.closeSocket(fresh), "closesocket of a new socket");
        fails(WsaError.WSAENOTSOCK, ws.closeSocket(fresh), "second closesocket of a new socket");
    }

    @Test
    @DisplayName("DESIGN Handles: a stale handle never reaches a socket opened later")
    public void required_closesocket_staleHandle_neverReachesNewerSocket() {
        List<Long> stale = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long s = open();
            ok(ws.closeSocket(s), "closesocket");
            stale.add(s);
        }
        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fresh.add(open());
        }
        for (long s : stale) {
            if (fresh.contains(s)) {
                fail("a new socket got the handle value " + s + " of a closed one");
            }
            assertEveryCallIsNotSock(s, "stale handle " + s);
        }
        for (long s : fresh) {
            assertEquals(Linger.DONT_LINGER, linger(s), "newer socket " + s + " is untouched");
            ok(ws.closeSocket(s), "closesocket of newer socket");
        }
    }
}

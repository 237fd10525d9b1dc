package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The preamble every Winsock call on a socket shares, call by call: WSANOTINITIALISED before anything else, then
 * WSAENOTSOCK for a bad handle whatever the other arguments, and a provider that throws (an exception or an
 * error) or answers {@code null} is WSASYSCALLFAILURE; each answer is also the thread's last error.
 */
class PreambleTest {
    private static final ByteBuffer[] NO_BUFFERS = null;
    private static final int SOL_SOCKET = SocketOptions.SOL_SOCKET;
    private static final int SO_LINGER = 0x80;

    /**
     * One call on a handle: with arguments the facade itself refuses ({@code null} when it checks none), and with
     * arguments it passes on.
     */
    private record Row(String name, Call bad, Call good, boolean reachesProvider) {
        Call badOrGood() {
            return bad != null ? bad : good;
        }
    }

    @FunctionalInterface
    private interface Call {
        WspResult<?> on(Winsock ws, long s);
    }

    private static Row row(String name, Call bad, Call good) {
        return new Row(name, bad, good, true);
    }

    private static Row row(String name, Call good) {
        return new Row(name, null, good, true);
    }

    private static final List<Row> ROWS = List.of(
            row("closesocket", Winsock::closeSocket),
            new Row("duplicate", null, Winsock::duplicateSocket, false),
            row("shutdown", (ws, s) -> ws.shutdown(s, 1)),
            row("bind", (ws, s) -> ws.bind(s, null), (ws, s) -> ws.bind(s, InetSockAddr.loopback4(0))),
            row("listen", (ws, s) -> ws.listen(s, 1)),
            row("accept", Winsock::accept),
            row("WSAAccept", (ws, s) -> ws.accept(s, c -> 0)),
            row("connect", (ws, s) -> ws.connect(s, null), (ws, s) -> ws.connect(s, InetSockAddr.loopback4(1))),
            row("getsockname", Winsock::getSockName),
            row("getpeername", Winsock::getPeerName),
            row("send", (ws, s) -> ws.send(s, null, 0), (ws, s) -> ws.send(s, ByteBuffer.allocate(1), 0)),
            row("recv", (ws, s) -> ws.recv(s, ByteBuffer.allocate(1).asReadOnlyBuffer(), 0),
                    (ws, s) -> ws.recv(s, ByteBuffer.allocate(1), 0)),
            row("sendto", (ws, s) -> ws.sendTo(s, null, 0, null),
                    (ws, s) -> ws.sendTo(s, ByteBuffer.allocate(1), 0, InetSockAddr.loopback4(1))),
            row("recvfrom", (ws, s) -> ws.recvFrom(s, null, 0), (ws, s) -> ws.recvFrom(s, ByteBuffer.allocate(1), 0)),
            row("WSASend", (ws, s) -> ws.wsaSend(s, NO_BUFFERS, 0, null), (ws, s) -> ws.wsaSend(s, one(), 0, null)),
            row("WSARecv", (ws, s) -> ws.wsaRecv(s, NO_BUFFERS, 0, null), (ws, s) -> ws.wsaRecv(s, one(), 0, null)),
            row("WSASend overlapped", (ws, s) -> ws.wsaSend(s, NO_BUFFERS, 0, Overlapped.polled()),
                    (ws, s) -> ws.wsaSend(s, one(), 0, Overlapped.polled())),
            row("WSARecv overlapped", (ws, s) -> ws.wsaRecv(s, NO_BUFFERS, 0, Overlapped.polled()),
                    (ws, s) -> ws.wsaRecv(s, one(), 0, Overlapped.polled())),
            new Row("WSAGetOverlappedResult", (ws, s) -> ws.getOverlappedResult(s, null, true),
                    (ws, s) -> ws.getOverlappedResult(s, Overlapped.polled(), false), false),
            row("setsockopt", (ws, s) -> ws.setSockOpt(s, null, null),
                    (ws, s) -> ws.setSockOpt(s, SocketOptions.SO_RCVBUF, 4)),
            row("getsockopt", (ws, s) -> ws.getSockOpt(s, null), (ws, s) -> ws.getSockOpt(s, SocketOptions.SO_RCVBUF)),
            row("setsockopt raw", (ws, s) -> ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, null, 4),
                    (ws, s) -> ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[4], 4)),
            row("getsockopt raw", (ws, s) -> ws.getSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[4], 9),
                    (ws, s) -> ws.getSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[4], 4)),
            row("ioctlsocket", (ws, s) -> ws.ioctl(s, null, null), (ws, s) -> ws.ioctl(s, IoControls.FIONBIO, true)),
            row("select", (ws, s) -> ws.select(Set.of(s), null, null, Duration.ofSeconds(-1)),
                    (ws, s) -> ws.select(Set.of(s), null, null, Duration.ZERO)),
            row("WSAEventSelect", (ws, s) -> ws.eventSelect(s, null, 1), (ws, s) -> ws.eventSelect(s, null, 0)),
            row("WSAEnumNetworkEvents", (ws, s) -> ws.enumNetworkEvents(s, null)));

    private static ByteBuffer[] one() {
        return new ByteBuffer[] {ByteBuffer.allocate(1)};
    }

    private static void answers(Winsock ws, WsaError expected, WspResult<?> r, String what) {
        assertEquals(expected, r.error(), what);
        assertEquals(expected, ws.lastError(), what + ": the last error");
    }

    @TestFactory
    Stream<DynamicTest> required_beforeStartupAndAfterTheLastCleanup_everyCallIsNotInitialised_beforeItsHandle() {
        return ROWS.stream().map(row -> dynamicTest(row.name(), () -> {
            FakeProviderFactory fake = Fixtures.inet("fake", 1);
            try (JwspRuntime rt = Fixtures.started(new VirtualClock(), fake)) {
                Winsock ws = rt.winsock();
                long s = ws.socket(AF_INET, STREAM, 0).value();
                assertTrue(ws.cleanup().isOk());
                answers(ws, WsaError.WSANOTINITIALISED, row.good().on(ws, s), "a handle of before");
                answers(ws, WsaError.WSANOTINITIALISED, row.badOrGood().on(ws, 42), "an invented handle, bad arguments");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> required_aBadHandle_isNotSock_beforeAnyOtherArgument() {
        return ROWS.stream().map(row -> dynamicTest(row.name(), () -> {
            try (JwspRuntime rt = Fixtures.started(new VirtualClock(), Fixtures.inet("fake", 1))) {
                Winsock ws = rt.winsock();
                long s = ws.socket(AF_INET, STREAM, 0).value();
                long stale = ws.socket(AF_INET, STREAM, 0).value();
                assertTrue(ws.closeSocket(stale).isOk());
                for (long bogus : new long[] {stale, s ^ (1L << 40), 0, -1}) {
                    ws.setLastError(null);
                    answers(ws, WsaError.WSAENOTSOCK, row.badOrGood().on(ws, bogus), "handle " + bogus);
                }
                if (row.bad() != null) {
                    WspResult<?> refused = row.bad().on(ws, s);
                    assertTrue(refused.isFailed() && refused.error() != WsaError.WSAENOTSOCK,
                            "the live handle gets past the handle check; the arguments are refused: " + refused);
                }
            }
        }));
    }

    /** How a provider breaks: what it throws (an exception, a linkage error, a VM error), or {@code null} answers. */
    private record Breakage(String name, Throwable crash) {
    }

    private static final List<Breakage> BREAKAGES = List.of(
            new Breakage("throwing IllegalStateException", new IllegalStateException("a provider bug")),
            new Breakage("throwing NoSuchMethodError", new NoSuchMethodError("built against another contract")),
            new Breakage("throwing StackOverflowError", new StackOverflowError()),
            new Breakage("answering null", null));

    @TestFactory
    Stream<DynamicTest> required_aProviderThatThrowsOrAnswersNothing_isSysCallFailure_andTheHandleSurvives() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Breakage breakage : BREAKAGES) {
            for (Row row : ROWS.stream().filter(Row::reachesProvider).toList()) {
                tests.add(dynamicTest(row.name() + " " + breakage.name(), () -> {
                    FakeProviderFactory fake = Fixtures.inet("fake", 1);
                    JwspRuntime rt = Fixtures.started(new VirtualClock(), fake);
                    Winsock ws = rt.winsock();
                    ws.socket(AF_INET, STREAM, 0).value(); // the provider is started
                    fake.provider().crashWith = breakage.crash();
                    fake.provider().answerNothing = breakage.crash() == null;
                    long s = ws.socket(AF_INET, STREAM, 0).value();
                    answers(ws, WsaError.WSASYSCALLFAILURE, row.good().on(ws, s), row.name());
                    assertEquals(2, rt.openHandles(), "the handle survives the crash");
                    rt.close();
                    assertEquals(0, rt.openHandles(), "a socket whose close breaks is dropped at cleanup");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> aProviderThatThrows_onAnOverlappedCall_releasesTheRecord() {
        return Stream.of(true, false).map(sending -> dynamicTest(sending ? "WSASend" : "WSARecv", () -> {
            FakeProviderFactory fake = Fixtures.inet("fake", 1);
            try (JwspRuntime rt = Fixtures.started(new VirtualClock(), fake)) {
                Winsock ws = rt.winsock();
                ws.socket(AF_INET, STREAM, 0).value();
                fake.provider().crashWith = new IllegalStateException("a provider bug");
                long s = ws.socket(AF_INET, STREAM, 0).value();
                Overlapped ov = Overlapped.polled();
                WspResult<Integer> r = sending ? ws.wsaSend(s, one(), 0, ov) : ws.wsaRecv(s, one(), 0, ov);
                answers(ws, WsaError.WSASYSCALLFAILURE, r, "the call");
                assertFalse(ov.isPending(), "no operation was started: the record is free again");
                assertEquals(WsaError.WSASYSCALLFAILURE, ov.error());
            }
        }));
    }
}

package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.fake.FakeSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FacadeTest {
    private static final int SOL_SOCKET = SocketOptions.SOL_SOCKET;
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory fake = Fixtures.inet("fake", 1);
    private final FakeProviderFactory other = new FakeProviderFactory("other", 2).entry("o", 99, STREAM, 0, true);
    private final JwspRuntime rt = Fixtures.started(clock, fake, other);
    private final Winsock ws = rt.winsock();
    private final long s = ws.socket(AF_INET, STREAM, 0).value();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void required_rawSetSockOpt_nullOrShortIsFault_unknownIsNoProtoOpt() {
        assertEquals(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, 0x80, null, 4).error());
        assertEquals(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, 0x80, new byte[4], 3).error());
        assertEquals(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, 0x80, new byte[4], 8).error(),
                "optlen beyond the buffer");
        assertEquals(WsaError.WSAEFAULT, ws.lastError());
        assertEquals(WsaError.WSAENOPROTOOPT, ws.setSockOpt(s, SOL_SOCKET, 0x4242, new byte[4], 4).error());
        assertEquals(WsaError.WSAENOPROTOOPT, ws.setSockOpt(s, SOL_SOCKET, 0x2005, new byte[64], 64).error(),
                "SO_PROTOCOL_INFOW has no raw form");
        assertEquals(WsaError.WSAENOPROTOOPT, ws.setSockOpt(s, 0x7777, 2, new byte[8], 8).error(),
                "a provider option without a codec");
        assertEquals(WsaError.WSAENOTSOCK, ws.setSockOpt(s + 1, SOL_SOCKET, 0x4242, null, 0).error(),
                "the handle is checked first");
    }

    @Test
    void rawOptions_roundTripThroughTheTypedCall() {
        byte[] linger = {1, 0, 30, 0};
        assertTrue(ws.setSockOpt(s, SOL_SOCKET, 0x80, linger, 4).isOk());
        assertNull(ws.lastError());
        assertEquals(new Linger(true, 30), ws.getSockOpt(s, SocketOptions.SO_LINGER).value());
        byte[] out = new byte[8];
        assertEquals(4, ws.getSockOpt(s, SOL_SOCKET, 0x80, out, 8).value());
        assertEquals(30, out[2]);
        assertEquals(WsaError.WSAEFAULT, ws.getSockOpt(s, SOL_SOCKET, 0x80, out, 2).error());
        assertEquals(WsaError.WSAEFAULT, ws.getSockOpt(s, SOL_SOCKET, 0x80, null, 4).error());
        assertEquals(WsaError.WSAENOPROTOOPT, ws.getSockOpt(s, SOL_SOCKET, 0x4242, out, 4).error());
        assertTrue(ws.setSockOpt(s, 0x7777, 1, new byte[] {5, 0, 0, 0}, 4).isOk(), "the provider's own option");
        assertEquals(5, ws.getSockOpt(s, FakeProviderFactory.FAKE_OPT).value());
    }

    @Test
    void required_nullArguments_areFault() {
        assertEquals(WsaError.WSAEFAULT, ws.send(s, null, 0).error());
        assertEquals(WsaError.WSAEFAULT, ws.recv(s, null, 0).error());
        assertEquals(WsaError.WSAEFAULT, ws.sendTo(s, null, 0, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.recvFrom(s, null, 0).error());
        assertEquals(WsaError.WSAEFAULT, ws.wsaSend(s, null, 0, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.wsaRecv(s, new ByteBuffer[] {null}, 0, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.bind(s, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.connect(s, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.setSockOpt(s, SocketOptions.SO_LINGER, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.getSockOpt(s, null).error());
        assertEquals(WsaError.WSAEFAULT, ws.ioctl(s, IoControls.FIONBIO, null).error());
        assertTrue(ws.ioctl(s, IoControls.FIONBIO, true).isOk());
        assertTrue(ws.bind(s, InetSockAddr.loopback4(0)).isOk());
    }

    @Test
    void required_lastError_isPerThread_andClearedOnSuccess() throws Exception {
        ws.closeSocket(12345);
        assertEquals(WsaError.WSAENOTSOCK, ws.lastError());
        CompletableFuture<WsaError> elsewhere = CompletableFuture.supplyAsync(() -> {
            WsaError before = ws.lastError();
            ws.getSockOpt(s, SocketOptions.SO_RCVBUF);
            return before;
        });
        assertNull(elsewhere.get(10, TimeUnit.SECONDS), "another thread starts with no error");
        assertEquals(WsaError.WSAENOTSOCK, ws.lastError());
        ws.setSockOpt(s, SocketOptions.SO_RCVBUF, 4);
        assertNull(ws.lastError());
        ws.setLastError(WsaError.WSAEACCES);
        assertEquals(WsaError.WSAEACCES, ws.lastError());
    }

    @Test
    void select_mapsHandlesToSocketsAndBack_duplicatesIncluded() {
        long dup = ws.duplicateSocket(s).value();
        long quiet = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fs = fake.provider().sockets.getFirst();
        fs.feed((byte) 1);
        Winsock.Ready ready = ws.select(Set.of(s, dup, quiet), Set.of(quiet), null, Duration.ZERO).value();
        assertEquals(Set.of(s, dup), ready.read());
        assertEquals(Set.of(quiet), ready.write());
        assertEquals(3, ready.count());
    }

    @Test
    void select_rejectsMixedProviders_emptySets_andBogusHandles() {
        long foreign = ws.socket(99, STREAM, 0).value();
        assertEquals(WsaError.WSAEINVAL, ws.select(Set.of(s), Set.of(foreign), null, Duration.ZERO).error());
        assertEquals(WsaError.WSAEINVAL, ws.select(Set.of(), null, null, Duration.ZERO).error());
        assertEquals(WsaError.WSAENOTSOCK, ws.select(Set.of(s, 777L), null, null, Duration.ZERO).error());
        assertEquals(WsaError.WSAEINVAL, ws.select(Set.of(s), null, null, Duration.ofSeconds(-1)).error());
    }

    @Test
    void eventSelect_needsAnEventForANonZeroMask() {
        assertEquals(WsaError.WSAEINVAL, ws.eventSelect(s, null, 1).error());
        try (JwspRuntime other = Fixtures.started(clock, Fixtures.inet("o", 1))) {
            assertEquals(WsaError.WSAEINVAL, ws.eventSelect(s, other.winsock().createEvent(), 1).error(),
                    "another runtime's event is no event here");
        }
        assertTrue(ws.eventSelect(s, ws.createEvent(), 1).isOk());
        assertTrue(ws.eventSelect(s, null, 0).isOk());
        assertTrue(ws.enumNetworkEvents(s, null).isOk());
    }

    @Test
    void required_everyHandleCall_withABogusHandle_isNotSock() {
        long bogus = s ^ 0x5555_0000_0000L;
        ByteBuffer b = ByteBuffer.allocate(1);
        List<WspResult<?>> answers = List.of(ws.closeSocket(bogus), ws.duplicateSocket(bogus),
                ws.shutdown(bogus, 1), ws.bind(bogus, null), ws.listen(bogus, 1), ws.accept(bogus),
                ws.accept(bogus, c -> 0), ws.connect(bogus, null), ws.getSockName(bogus), ws.getPeerName(bogus),
                ws.send(bogus, b, 0), ws.recv(bogus, b, 0), ws.sendTo(bogus, b, 0, null), ws.recvFrom(bogus, b, 0),
                ws.wsaSend(bogus, null, 0, null), ws.wsaRecv(bogus, null, 0, Overlapped.polled()),
                ws.getOverlappedResult(bogus, null, false), ws.setSockOpt(bogus, SocketOptions.SO_LINGER, null),
                ws.getSockOpt(bogus, SocketOptions.SO_LINGER), ws.setSockOpt(bogus, 0, 0, null, 0),
                ws.getSockOpt(bogus, 0, 0, null, 0), ws.ioctl(bogus, IoControls.FIONBIO, null),
                ws.select(Set.of(bogus), null, null, Duration.ZERO), ws.eventSelect(bogus, null, 1),
                ws.enumNetworkEvents(bogus, null));
        for (int i = 0; i < answers.size(); i++) {
            assertEquals(WsaError.WSAENOTSOCK, answers.get(i).error(), "call #" + i);
        }
    }

    @Test
    void providerThatThrows_answersSysCallFailure_andTheHandleSurvives() {
        fake.provider().sockets.getFirst().throwOnShutdown = true;
        assertEquals(WsaError.WSASYSCALLFAILURE, ws.shutdown(s, 1).error());
        assertEquals(WsaError.WSASYSCALLFAILURE, ws.lastError());
        assertTrue(ws.closeSocket(s).isOk());
    }

    @Test
    void unsupportedOperations_answerOpNotSupp_neverThrow() {
        assertEquals(WsaError.WSAEOPNOTSUPP, ws.listen(s, 5).error());
        assertEquals(WsaError.WSAEOPNOTSUPP, ws.connect(s, InetSockAddr.loopback4(1)).error());
        assertEquals(WsaError.WSAEOPNOTSUPP, ws.shutdown(s, 1).error());
        assertEquals(WsaError.WSAEOPNOTSUPP, ws.getPeerName(s).error());
        assertEquals(WsaError.WSAEOPNOTSUPP, ws.ioctl(s, IoControls.FIONREAD, null).error());
    }
}

package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProvider;
import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.fake.FakeSocket;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartupCleanupTest {
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory fake = Fixtures.inet("fake", 100);
    private final JwspRuntime rt = JwspRuntime.builder().provider(fake).timeSource(clock).build();
    private final Winsock ws = rt.winsock();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void required_everyCall_beforeStartup_isNotInitialised() {
        assertEquals(WsaError.WSANOTINITIALISED, ws.socket(AF_INET, STREAM, 0).error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.lastError());
        assertEquals(WsaError.WSANOTINITIALISED, ws.enumProtocols().error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.closeSocket(5).error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.send(5, ByteBuffer.allocate(1), 0).error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.select(Set.of(5L), null, null, null).error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.cleanup().error());
        assertTrue(fake.created.isEmpty(), "no provider is created before it is needed");
    }

    @Test
    void required_startupCounts_lastCleanupEndsIt_thenNotInitialised() {
        assertTrue(ws.startup(WsaVersion.V2_2).isOk());
        assertTrue(ws.startup(WsaVersion.V1_1).isOk());
        long s = ws.socket(AF_INET, STREAM, 0).value();
        assertTrue(ws.cleanup().isOk());
        assertTrue(ws.getSockName(s).is(WsaError.WSAEOPNOTSUPP), "still started after one of two cleanups");
        assertTrue(ws.cleanup().isOk());
        assertEquals(WsaError.WSANOTINITIALISED, ws.getSockName(s).error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.cleanup().error());
        assertEquals(0, rt.openHandles(), "the last cleanup closed the socket left open");
        assertEquals(1, fake.provider().sockets.getFirst().closeCalls);
        assertEquals(0, fake.provider().started(), "the provider was cleaned up");
    }

    @Test
    void required_freshStartup_afterLastCleanup_works() {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        ws.socket(AF_INET, STREAM, 0).orElseThrow();
        ws.cleanup().orElseThrow();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        long s = ws.socket(AF_INET, STREAM, 0).value();
        assertTrue(ws.closeSocket(s).isOk());
        assertEquals(1, fake.created.size(), "the same provider instance is started again");
        assertEquals(1, fake.provider().started());
    }

    @Test
    void required_versionNegotiation() {
        WspResult<StartupReply> high = ws.startup(new WsaVersion(3, 0));
        assertEquals(WsaVersion.V2_2, high.value().version());
        assertEquals(WsaVersion.V2_2, high.value().highVersion());
        WspResult<StartupReply> old = ws.startup(WsaVersion.V1_1);
        assertEquals(WsaVersion.V1_1, old.value().version());
        assertEquals(WsaError.WSAVERNOTSUPPORTED, ws.startup(new WsaVersion(1, 0)).error());
        assertEquals(WsaError.WSAVERNOTSUPPORTED, ws.lastError());
        assertTrue(ws.cleanup().isOk());
        assertTrue(ws.cleanup().isOk());
        assertEquals(WsaError.WSANOTINITIALISED, ws.cleanup().error(), "WSAVERNOTSUPPORTED counted nothing");
    }

    @Test
    void versionNotSupported_alone_leavesRuntimeUninitialised() {
        assertEquals(WsaError.WSAVERNOTSUPPORTED, ws.startup(new WsaVersion(0, 9)).error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.socket(AF_INET, STREAM, 0).error());
        assertEquals(WsaError.WSAEFAULT, ws.startup(null).error());
    }

    @Test
    void required_cleanup_neverBlocks_lingeringSocketClosesGracefullyInTheBackground() {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        long s = ws.socket(AF_INET, STREAM, 0).value();
        ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(30)).orElseThrow();
        FakeSocket fs = fake.provider().sockets.getFirst();
        assertTrue(ws.cleanup().isOk());
        assertEquals(1, fs.closeCalls);
        assertEquals(Boolean.TRUE, fs.options.get(SocketOptions.SO_DONTLINGER),
                "linger N became SO_DONTLINGER: WSPCleanup finishes unsent data, but cleanup does not wait");
        assertEquals(0, rt.openHandles());
    }

    @Test
    void required_cleanup_socketThatStillWouldBlock_isReset() {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        long s = ws.socket(AF_INET, STREAM, 0).value();
        FakeSocket fs = fake.provider().sockets.getFirst();
        fs.closeAnswers.add(WspResult.fail(WsaError.WSAEWOULDBLOCK));
        assertTrue(ws.cleanup().isOk());
        assertEquals(2, fs.closeCalls, "closed again after WSAEWOULDBLOCK");
        assertEquals(Linger.of(0), fs.options.get(SocketOptions.SO_LINGER), "reset, as WSACleanup says");
        assertEquals(0, rt.openHandles());
    }

    @Test
    void close_closesEverythingWhateverTheCount_andStartupIsRefusedAfter() {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        ws.startup(WsaVersion.V2_2).orElseThrow();
        ws.socket(AF_INET, STREAM, 0).orElseThrow();
        rt.close();
        assertEquals(0, rt.openHandles());
        assertEquals(0, fake.provider().started());
        assertEquals(WsaError.WSANOTINITIALISED, ws.socket(AF_INET, STREAM, 0).error());
        assertEquals(WsaError.WSASYSNOTREADY, ws.startup(WsaVersion.V2_2).error());
        rt.close(); // twice is harmless
    }

    @Test
    void required_providerFailingStartup_answersProviderFailedInit() {
        FakeProviderFactory broken = new FakeProviderFactory("broken", 1).entry("b", 99, STREAM, 0, true);
        broken.failStartup = true;
        FakeProviderFactory thrower = new FakeProviderFactory("thrower", 1).entry("t", 98, STREAM, 0, true);
        thrower.failCreate = true;
        try (JwspRuntime other = Fixtures.started(clock, broken, thrower, Fixtures.inet("fine", 5))) {
            Winsock w = other.winsock();
            assertEquals(WsaError.WSAEPROVIDERFAILEDINIT, w.socket(99, STREAM, 0).error());
            assertEquals(WsaError.WSAEPROVIDERFAILEDINIT, w.socket(99, STREAM, 0).error());
            assertEquals(WsaError.WSAEPROVIDERFAILEDINIT, w.socket(98, STREAM, 0).error());
            assertTrue(w.socket(AF_INET, STREAM, 0).isOk(), "the other providers still work");
        }
    }

    @Test
    void providerExtension_startsTheProviderAndUnwraps() {
        var probe = rt.providerExtension("fake", FakeProvider.Probe.class);
        assertEquals("fake", probe.orElseThrow().providerName());
        assertTrue(rt.providerExtension("nope", Object.class).isEmpty());
        assertTrue(rt.providerExtension("fake", Runnable.class).isEmpty());
    }
}

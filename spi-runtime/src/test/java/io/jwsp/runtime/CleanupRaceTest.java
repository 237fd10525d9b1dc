package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.runtime.fake.FakeSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The last WSACleanup closes every socket still open (WSACleanup's page). A socket a provider makes while another
 * thread's last cleanup runs must not outlive it: once cleanup's sweep has run, the socket is closed and the call
 * answers WSANOTINITIALISED, never a live handle nobody will close.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CleanupRaceTest {
    private final FakeProviderFactory fake = Fixtures.inet("fake", 1);
    private final JwspRuntime rt = Fixtures.started(new VirtualClock(), fake);
    private final Winsock ws = rt.winsock();

    @AfterEach
    void close() {
        rt.close();
    }

    /** Runs the last cleanup in another thread, to its end, while the provider is about to answer a socket. */
    private void cleanupWhileTheProviderAnswers() {
        fake.provider().beforeAnsweringASocket = () -> {
            fake.provider().beforeAnsweringASocket = null;
            WspResult<Void> cleaned = OnThread.run(ws::cleanup).orTimeout(10, TimeUnit.SECONDS)
                    .join();
            assertTrue(cleaned.isOk(), "the other thread's cleanup");
        };
    }

    @Test
    void socket_madeWhileTheLastCleanupRuns_isClosed_notLeaked() {
        ws.socket(AF_INET, STREAM, 0).value(); // the provider is started
        cleanupWhileTheProviderAnswers();
        WspResult<Long> r = ws.socket(AF_INET, STREAM, 0);
        assertEquals(WsaError.WSANOTINITIALISED, r.error());
        assertEquals(WsaError.WSANOTINITIALISED, ws.lastError());
        assertEquals(0, rt.openHandles(), "no handle outlives the last cleanup");
        FakeSocket late = fake.provider().sockets.getLast();
        assertEquals(1, late.closeCalls, "the provider's socket was closed");
    }

    @Test
    void accept_completingWhileTheLastCleanupRuns_isClosed_notLeaked() {
        long listener = ws.socket(AF_INET, STREAM, 0).value();
        cleanupWhileTheProviderAnswers();
        WspResult<Long> r = ws.accept(listener);
        assertEquals(WsaError.WSANOTINITIALISED, r.error());
        assertEquals(0, rt.openHandles(), "no handle outlives the last cleanup");
        assertEquals(1, fake.provider().sockets.getLast().closeCalls, "the accepted socket was closed");
    }
}

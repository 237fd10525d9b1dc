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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * closesocket: "any further references to s fail with WSAENOTSOCK", from the moment the close of the last handle
 * begins, while the provider's close still runs (a linger may take seconds): a second close, a duplicate and every
 * other call answer at once instead of waiting for the first close to end.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class CloseUnderWayTest {
    private final FakeProviderFactory fake = Fixtures.inet("fake", 1);
    private final JwspRuntime rt = Fixtures.started(new VirtualClock(), fake);
    private final Winsock ws = rt.winsock();
    private final long s = ws.socket(AF_INET, STREAM, 0).value();
    private final FakeSocket socket = fake.provider().sockets.getFirst();
    private final CountDownLatch inClose = new CountDownLatch(1);
    private final CountDownLatch closeMayEnd = new CountDownLatch(1);

    @AfterEach
    void close() {
        closeMayEnd.countDown();
        rt.close();
    }

    /** A close of {@code s} in another thread, held inside the provider's close until {@link #closeMayEnd}. */
    private CompletableFuture<WspResult<Void>> aCloseThatLingers() throws InterruptedException {
        socket.duringClose = () -> {
            inClose.countDown();
            try {
                closeMayEnd.await(60, TimeUnit.SECONDS); // far beyond atOnce's bound: a call that waits fails
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<WspResult<Void>> closing = OnThread.run(() -> ws.closeSocket(s));
        assertTrue(inClose.await(10, TimeUnit.SECONDS), "the close reached the provider");
        return closing;
    }

    /** The answer of {@code call}, made in another thread so that a call that waits fails the test, not hangs it. */
    private static WsaError atOnce(Supplier<WspResult<?>> call) throws Exception {
        return OnThread.run(call).get(5, TimeUnit.SECONDS).error();
    }

    @Test
    void required_whileTheLastHandlesCloseRuns_everyReferenceIsNotSock_atOnce() throws Exception {
        CompletableFuture<WspResult<Void>> closing = aCloseThatLingers();
        List<Supplier<WspResult<?>>> calls = List.of(() -> ws.duplicateSocket(s), () -> ws.closeSocket(s),
                () -> ws.getSockName(s), () -> ws.select(Set.of(s), null, null, Duration.ZERO));
        for (Supplier<WspResult<?>> call : calls) {
            assertEquals(WsaError.WSAENOTSOCK, atOnce(call));
        }
        closeMayEnd.countDown();
        assertTrue(closing.get(10, TimeUnit.SECONDS).isOk());
        assertEquals(1, socket.closeCalls, "the provider's close ran once");
        assertEquals(0, rt.openHandles());
    }

    @Test
    void aCloseThatAnswersWouldBlock_leavesTheHandleAsItWas() {
        socket.closeAnswers.add(WspResult.fail(WsaError.WSAEWOULDBLOCK));
        assertEquals(WsaError.WSAEWOULDBLOCK, ws.closeSocket(s).error());
        long dup = ws.duplicateSocket(s).value();
        assertTrue(ws.closeSocket(dup).isOk());
        assertTrue(ws.closeSocket(s).isOk(), "a retry behaves like a first call");
    }
}

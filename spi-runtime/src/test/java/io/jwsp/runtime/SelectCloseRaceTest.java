package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * select and a closesocket of one of its sockets by another thread: select never throws and never hangs. Winsock's
 * select page: a socket closed before the call is WSAENOTSOCK; one closed while select waits is reported in the
 * sets it was asked for as the provider answers it (a listener selected for readability is readable, count 1).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SelectCloseRaceTest {
    private static final Duration REAL = Duration.ofSeconds(10);
    private final VirtualClock clock = new VirtualClock();
    private final FakeProviderFactory fake = Fixtures.inet("fake", 1);
    private final JwspRuntime rt = Fixtures.started(clock, fake);
    private final Winsock ws = rt.winsock();
    private final long s = ws.socket(AF_INET, STREAM, 0).value();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void aHandleClosedBeforeTheCall_isNotSock() {
        assertTrue(ws.closeSocket(s).isOk());
        assertEquals(WsaError.WSAENOTSOCK, ws.select(Set.of(s), null, null, Duration.ZERO).error());
        assertEquals(WsaError.WSAENOTSOCK, ws.lastError());
    }

    /**
     * The window the facade once had: it checked every handle, then looked each up again to build the provider's
     * sets, so a close landing between the two threw a NullPointerException out of select. Here another thread's
     * close lands right after select has gone through the read set once (the caller's set runs the close when its
     * iteration ends, and waits for it): select must still answer, with the closed socket readable.
     */
    @Test
    void aCloseRightAfterSelectLookedTheHandleUp_neitherThrowsNorLosesTheHandle() {
        CloseOnFirstPass read = new CloseOnFirstPass(s, () -> OnThread.run(() -> ws.closeSocket(s))
                .orTimeout(REAL.toSeconds(), TimeUnit.SECONDS).join());
        WspResult<Winsock.Ready> r = ws.select(read, null, null, Duration.ZERO);
        assertTrue(read.closedBy.isOk(), "the other thread's close went through");
        assertNull(r.error());
        assertEquals(Set.of(s), r.value().read(), "reported under the handle the caller gave");
        assertEquals(1, r.value().count());
        assertEquals(WsaError.WSAENOTSOCK, ws.select(Set.of(s), null, null, Duration.ZERO).error(),
                "closed for good");
    }

    @Test
    void aCloseWhileSelectWaits_wakesIt_withTheSocketReadable() throws Exception {
        CompletableFuture<WspResult<Winsock.Ready>> selected = OnThread.run(
                () -> ws.select(Set.of(s), null, Set.of(s), null));
        clock.awaitWaiters(1, REAL);
        assertEquals(1, fake.provider().selectsWaiting(), "the select waits in the provider");
        assertTrue(ws.closeSocket(s).isOk());
        WspResult<Winsock.Ready> r = selected.get(10, TimeUnit.SECONDS);
        assertEquals(Set.of(s), r.value().read());
        assertEquals(1, r.value().count());
    }

    /** A read set of one handle whose first complete iteration runs {@code close} (once) before it ends. */
    private static final class CloseOnFirstPass extends AbstractSet<Long> {
        private final long handle;
        private final Supplier<WspResult<Void>> close;
        private final AtomicInteger passes = new AtomicInteger();
        volatile WspResult<Void> closedBy;

        CloseOnFirstPass(long handle, Supplier<WspResult<Void>> close) {
            this.handle = handle;
            this.close = close;
        }

        @Override
        public Iterator<Long> iterator() {
            boolean first = passes.incrementAndGet() == 1;
            return new Iterator<>() {
                private boolean given;

                @Override
                public boolean hasNext() {
                    if (given && first && closedBy == null) {
                        closedBy = close.get();
                    }
                    return !given;
                }

                @Override
                public Long next() {
                    given = true;
                    return handle;
                }
            };
        }

        @Override
        public int size() {
            return 1;
        }
    }
}

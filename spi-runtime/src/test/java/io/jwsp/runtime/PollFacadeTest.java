package io.jwsp.runtime;

import static io.jwsp.runtime.Fixtures.AF_INET;
import static io.jwsp.runtime.Fixtures.STREAM;
import static io.jwsp.spi.io.PollFlags.POLLIN;
import static io.jwsp.spi.io.PollFlags.POLLNVAL;
import static io.jwsp.spi.io.PollFlags.POLLOUT;
import static io.jwsp.spi.io.PollFlags.POLLRDNORM;
import static io.jwsp.spi.io.PollFlags.POLLWRNORM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.runtime.Winsock.PollFd;
import io.jwsp.runtime.Winsock.Polled;
import io.jwsp.runtime.fake.FakeProviderFactory;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WSAPoll in the facade: handles looked up once, a handle naming no socket is POLLNVAL without waiting, a close
 * under the call is POLLNVAL whatever the provider answers for the closed socket, and a provider's crash is
 * WSASYSCALLFAILURE (the facade never throws).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PollFacadeTest {
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
    void onlyHandlesThatNameNoSocket_answerPollnvalAtOnce_evenWithoutATimeout() {
        assertEquals(true, ws.closeSocket(s).isOk());
        Polled p = ws.poll(List.of(new PollFd(s, POLLIN), new PollFd(12345L, POLLOUT)), null).value();
        assertEquals(List.of(POLLNVAL, POLLNVAL), p.revents());
        assertEquals(2, p.count());
        assertEquals(0, fake.provider().selectsWaiting());
    }

    @Test
    void aCloseWhilePollWaits_wakesIt_andTheClosedHandleIsPollnval() throws Exception {
        CompletableFuture<WspResult<Polled>> polled = OnThread.run(
                () -> ws.poll(List.of(new PollFd(s, POLLIN)), null));
        clock.awaitWaiters(1, REAL);
        assertEquals(1, fake.provider().selectsWaiting(), "the poll waits in the provider's select");
        assertEquals(true, ws.closeSocket(s).isOk());
        // The fake reports its closed socket readable and cannot say more (no FIONREAD): the runtime knows it closed.
        WspResult<Polled> r = polled.get(REAL.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(POLLNVAL), r.value().revents());
    }

    @Test
    void readyAndIdle_inTheOrderAsked_sameSocketTwice() {
        fake.provider().sockets.getFirst().feed((byte) 1);
        Polled p = ws.poll(List.of(new PollFd(s, POLLIN), new PollFd(s, POLLOUT)), Duration.ZERO).value();
        assertEquals(List.of(POLLRDNORM, POLLWRNORM), p.revents());
    }

    @Test
    void aCrashingProvider_isSyscallFailure_neverAThrow() {
        fake.provider().crashWith = new IllegalStateException("a provider bug");
        assertEquals(WsaError.WSASYSCALLFAILURE, ws.poll(List.of(new PollFd(s, POLLIN)), Duration.ZERO).error());
        fake.provider().crashWith = null;
        fake.provider().answerNothing = true;
        assertEquals(WsaError.WSASYSCALLFAILURE, ws.poll(List.of(new PollFd(s, POLLIN)), Duration.ZERO).error());
        assertEquals(WsaError.WSASYSCALLFAILURE, ws.lastError());
    }
}

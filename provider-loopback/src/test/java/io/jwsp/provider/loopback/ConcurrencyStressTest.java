package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closes racing sends, receives, connects and accepts on the real clock: every thread ends (no lost wake-up, no
 * lock-order deadlock), nothing throws, and every error is one a caller may see in that race.
 */
class ConcurrencyStressTest {
    private static final Set<WsaError> EXPECTED = Set.of(WsaError.WSAENOTSOCK, WsaError.WSAEINTR,
            WsaError.WSAECONNRESET, WsaError.WSAESHUTDOWN, WsaError.WSAECONNREFUSED, WsaError.WSAENOTCONN,
            WsaError.WSAEINVAL);

    @Test
    void required_racingCloses_everyThreadEnds_onlyExpectedErrors() throws Exception {
        try (SystemTimeSource clock = new SystemTimeSource()) {
            Loop loop = new Loop(clock, Map.of("sendBufferBytes", "2048", "receiveBufferBytes", "2048"));
            Set<WsaError> seen = ConcurrentHashMap.newKeySet();
            List<Throwable> thrown = new ArrayList<>();
            int rounds = 150;
            CountDownLatch finished = new CountDownLatch(rounds * 3);
            for (int i = 0; i < rounds; i++) {
                Loop.Pair p = loop.pair();
                int mode = i % 4;
                Thread sender = worker(finished, thrown, () -> {
                    ByteBuffer b = ByteBuffer.allocate(700);
                    while (true) {
                        b.clear();
                        WspResult<Integer> r = p.client().send(new ByteBuffer[] {b}, 0, null);
                        if (!r.isOk()) {
                            seen.add(r.error());
                            return;
                        }
                    }
                });
                Thread reader = worker(finished, thrown, () -> {
                    ByteBuffer b = ByteBuffer.allocate(300);
                    while (true) {
                        b.clear();
                        WspResult<Integer> r = p.server().recv(new ByteBuffer[] {b}, 0, null);
                        if (!r.isOk()) {
                            seen.add(r.error());
                            return;
                        }
                        if (r.value() == 0) {
                            p.server().closeSocket();
                            return;
                        }
                    }
                });
                Thread closer = worker(finished, thrown, () -> {
                    switch (mode) {
                        case 0 -> p.client().setSockOpt(SocketOptions.SO_LINGER, Linger.of(0));
                        case 1 -> p.client().shutdown(ShutdownHow.SD_SEND);
                        case 2 -> p.server().setSockOpt(SocketOptions.SO_LINGER, Linger.of(0));
                        default -> { }
                    }
                    WspSocket victim = mode == 2 ? p.server() : p.client();
                    victim.closeSocket();
                    p.listener().closeSocket();
                    if (mode != 2) {
                        p.server().closeSocket();
                    }
                    p.client().closeSocket();
                });
                sender.start();
                reader.start();
                closer.start();
            }
            assertTrue(finished.await(60, TimeUnit.SECONDS), "a thread never returned: " + finished.getCount());
            synchronized (thrown) {
                assertEquals(List.of(), thrown, "nothing may throw");
            }
            assertTrue(EXPECTED.containsAll(seen), "unexpected errors: " + seen);
        }
    }

    @Test
    void required_racingConnectsAcceptsAndListenerClose_noDeadlock() throws Exception {
        try (SystemTimeSource clock = new SystemTimeSource()) {
            Loop loop = new Loop(clock, Map.of());
            for (int round = 0; round < 30; round++) {
                WspSocket l = loop.listener();
                var name = ok(l.getSockName());
                CountDownLatch connectors = new CountDownLatch(4);
                CountDownLatch acceptor = new CountDownLatch(1);
                List<Throwable> thrown = new ArrayList<>();
                Set<WsaError> acceptEnd = ConcurrentHashMap.newKeySet();
                for (int t = 0; t < 4; t++) {
                    worker(connectors, thrown, () -> {
                        for (int i = 0; i < 20; i++) {
                            WspSocket c = loop.stream();
                            c.connect(name);
                            c.closeSocket();
                        }
                    }).start();
                }
                worker(acceptor, thrown, () -> {
                    while (true) {
                        var r = l.accept(null);
                        if (!r.isOk()) {
                            acceptEnd.add(r.error());
                            return;
                        }
                        r.value().socket().closeSocket();
                    }
                }).start();
                assertTrue(connectors.await(30, TimeUnit.SECONDS), "every connect must end");
                ok(l.closeSocket()); // wakes the acceptor, blocked or not
                assertTrue(acceptor.await(30, TimeUnit.SECONDS), "the blocked accept must end at close");
                assertTrue(Set.of(WsaError.WSAEINTR, WsaError.WSAENOTSOCK).containsAll(acceptEnd), acceptEnd::toString);
                synchronized (thrown) {
                    assertEquals(List.of(), thrown);
                }
            }
        }
    }

    private static Thread worker(CountDownLatch done, List<Throwable> thrown, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                synchronized (thrown) {
                    thrown.add(e);
                }
            } finally {
                done.countDown();
            }
        }, "stress");
        t.setDaemon(true);
        return t;
    }
}

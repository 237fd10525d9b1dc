package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.provider.loopback.stream.WakeUps;
import io.jwsp.spi.WspSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * How often one small message wakes the calls waiting on its connection: once per data movement. Both ends share
 * one condition, and a waiter spinning on it goes back to the lock for a look at every signal it sees, so a second
 * signal for the same movement can only cost a waiter another trip to the lock (nothing new for it there).
 * Counted on the connection's condition, not timed: the counts are the same on any machine at any load.
 */
class WakeUpCountTest {
    private final Loop loop = new Loop();

    @Test
    void oneByteSendIntoABlockedRecv_wakesTheConnectionOnce() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<Integer> recv = loop.blocked(() -> receiveOne(p.server()));
        int before = WakeUps.of(p.client());
        assertEquals(1, ok(p.client().send(one(), 0, null)));
        assertEquals(1, WakeUps.of(p.client()) - before, "the send (copied straight into the recv) signals once");
        assertEquals(1, join(recv));
        assertEquals(1, WakeUps.of(p.client()) - before, "the woken recv signals nothing on its way out");
    }

    @Test
    void oneByteThroughTheRing_wakesOnceAtTheSendAndOnceAtTheRecv() {
        Loop.Pair p = loop.pair();
        int before = WakeUps.of(p.server());
        assertEquals(1, ok(p.client().send(one(), 0, null)));
        assertEquals(1, WakeUps.of(p.server()) - before, "data arrived: one signal");
        assertEquals(1, receiveOne(p.server()));
        assertEquals(2, WakeUps.of(p.server()) - before, "room freed: one signal more, not three");
    }

    @Test
    void pingPongRoundTrip_twoWakeUps() throws Exception {
        Loop.Pair p = loop.pair();
        int before = WakeUps.of(p.client());
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Integer> echo = loop.blocked(() -> receiveOne(p.server()));
            assertEquals(1, ok(p.client().send(one(), 0, null)));
            assertEquals(1, join(echo));
            CompletableFuture<Integer> back = loop.blocked(() -> receiveOne(p.client()));
            assertEquals(1, ok(p.server().send(one(), 0, null)));
            assertEquals(1, join(back));
        }
        assertEquals(6, WakeUps.of(p.client()) - before, "three round trips, one wake-up per message");
    }

    private static ByteBuffer[] one() {
        return new ByteBuffer[] {ByteBuffer.wrap(new byte[] {42})};
    }

    private static int receiveOne(WspSocket s) {
        return ok(s.recv(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, null));
    }
}

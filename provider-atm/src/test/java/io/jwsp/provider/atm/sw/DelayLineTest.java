package io.jwsp.provider.atm.sw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A delay line is a FIFO: items leave in the order they went in, whichever thread releases the lock first. */
class DelayLineTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /**
     * Zero delay (atm.timing=immediate): thread A puts a1, a2 and, on leaving the lock, is slow to take it back (a
     * deferred action ahead of its hand-off parks it); thread B then puts b1 and leaves. b1 must not overtake a1 and
     * a2: on a cell path that is a later PDU of a VC reaching the switch before an earlier one.
     */
    @Test
    void zeroDelay_aLaterPutReleasedFirst_stillLeavesLast() throws Exception {
        Sync sync = new Sync();
        List<String> out = new ArrayList<>(); // the sink runs under the lock
        DelayLine<String> line = new DelayLine<>(sync, new VirtualClock(), 0, out::add);
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Thread a = Thread.ofPlatform().name("slow releaser").start(() -> {
            sync.enter();
            try {
                sync.defer(() -> {
                    parked.countDown();
                    awaitQuietly(go);
                });
                line.put("a1");
                line.put("a2");
            } finally {
                sync.exit();
            }
        });
        assertTrue(parked.await(BOUND.toSeconds(), TimeUnit.SECONDS), "A left the lock with its puts deferred");
        sync.run(() -> line.put("b1"));
        go.countDown();
        a.join(BOUND);
        assertEquals(List.of("a1", "a2", "b1"), sync.call(() -> List.copyOf(out)), "FIFO across threads");
    }

    /** What a sink puts back into its own line goes out in the same turn, after what was already queued. */
    @Test
    void zeroDelay_putsFromTheSink_followInOrder() {
        Sync sync = new Sync();
        List<String> out = new ArrayList<>();
        AtomicReference<DelayLine<String>> self = new AtomicReference<>();
        self.set(new DelayLine<>(sync, new VirtualClock(), 0, s -> {
            out.add(s);
            if (s.equals("x")) {
                self.get().put("x'");
            }
        }));
        sync.run(() -> {
            self.get().put("x");
            self.get().put("y");
        });
        assertEquals(List.of("x", "y", "x'"), out);
        assertEquals(0, self.get().size(), "nothing left behind");
    }

    /** With a delay, the clock decides, and the order is still the order of the puts. */
    @Test
    void withDelay_itemsLeaveInOrderWhenDue() {
        Sync sync = new Sync();
        VirtualClock clock = new VirtualClock();
        List<String> out = new ArrayList<>();
        DelayLine<String> line = new DelayLine<>(sync, clock, 1_000, out::add);
        sync.run(() -> {
            line.put("p");
            line.put("q");
        });
        assertEquals(List.of(), out, "nothing before the delay");
        clock.advance(Duration.ofNanos(1_000));
        assertEquals(List.of("p", "q"), sync.call(() -> List.copyOf(out)));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(BOUND.toSeconds(), TimeUnit.SECONDS), "released in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

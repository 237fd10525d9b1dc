package io.jwsp.spi.kit.wait;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cancel registry, kept by socket: closesocket ends the calls parked on its socket and no other, however many
 * share it; a cancel finds its thread on whichever socket it waits; a call that left is out of reach of both.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockingCallsTest {
    private final BlockingCalls calls = new BlockingCalls();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Object socket = new Object();
    private final Object other = new Object();

    /** Registers a call on {@code on} from a thread of its own (the registry keys a call by its thread too). */
    private Parked parkOn(Object on) throws InterruptedException {
        AtomicReference<BlockingCalls.Registration> r = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> r.set(calls.enter(on, lock, changed)));
        t.join();
        return new Parked(t, r.get());
    }

    private record Parked(Thread thread, BlockingCalls.Registration registration) {
    }

    @Test
    void closesocket_endsEveryCallParkedOnItsSocket_andNoneOnAnother() throws Exception {
        Parked first = parkOn(socket);
        Parked second = parkOn(socket);
        Parked third = parkOn(socket);
        Parked elsewhere = parkOn(other);

        calls.interruptAll(socket);

        assertTrue(first.registration().interrupted());
        assertTrue(second.registration().interrupted());
        assertTrue(third.registration().interrupted());
        assertFalse(elsewhere.registration().interrupted(), "a call on another socket goes on");
    }

    @Test
    void aCallThatLeft_isBeyondCloseAndCancel_whileTheOthersOnItsSocketAreNot() throws Exception {
        Parked left = parkOn(socket);
        Parked stays = parkOn(socket);
        Parked alone = parkOn(other);
        calls.exit(left.registration());
        calls.exit(left.registration()); // idempotent
        calls.exit(alone.registration());

        assertFalse(calls.isParked(left.thread()));
        assertFalse(calls.cancel(left.thread()));
        assertFalse(calls.isParked(alone.thread()));
        calls.interruptAll(socket);
        calls.interruptAll(other);

        assertFalse(left.registration().interrupted());
        assertFalse(alone.registration().interrupted());
        assertTrue(stays.registration().interrupted());
    }

    @Test
    void cancel_findsItsThreadOnWhicheverSocketItWaits_andOnlyIt() throws Exception {
        Parked onSocket = parkOn(socket);
        Parked onOther = parkOn(other);
        Parked alsoOnOther = parkOn(other);

        assertTrue(calls.isParked(alsoOnOther.thread()));
        assertTrue(calls.cancel(alsoOnOther.thread()));

        assertTrue(alsoOnOther.registration().interrupted());
        assertFalse(onOther.registration().interrupted());
        assertFalse(onSocket.registration().interrupted());
        assertFalse(calls.cancel(null));
        assertFalse(calls.cancel(Thread.currentThread()), "this thread is parked nowhere");
    }

    @Test
    void aSocketWhoseCallsAllLeft_takesANewOneAsItsFirst() throws Exception {
        Parked a = parkOn(socket);
        Parked b = parkOn(socket);
        calls.exit(a.registration());
        calls.exit(b.registration());
        Parked c = parkOn(socket);

        calls.interruptAll(socket);

        assertTrue(c.registration().interrupted());
        assertFalse(a.registration().interrupted());
        assertFalse(b.registration().interrupted());
    }
}

package io.jwsp.runtime.event;

import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.time.Duration;
import java.util.List;

/**
 * The runtime's own waits, all on its clock: WSAWaitForMultipleEvents, SleepEx and GetQueuedCompletionStatus.
 * Alertable waits run the thread's queued APCs and then answer {@link #WAIT_IO_COMPLETION}.
 */
public final class EventWaits {
    public static final int WAIT_TIMEOUT = 0x102;
    public static final int WAIT_IO_COMPLETION = 0xC0;
    /** WSA_MAXIMUM_WAIT_EVENTS. */
    public static final int MAXIMUM_WAIT_EVENTS = 64;

    private final Object owner;
    private final TimeSource clock;
    private final ApcDelivery apcs;

    /** @param owner the runtime: events and ports made here are valid only for it */
    public EventWaits(Object owner, TimeSource clock, ApcDelivery apcs) {
        this.owner = owner;
        this.clock = clock;
        this.apcs = apcs;
    }

    public WspEvent createEvent() {
        return new RuntimeEvent(owner);
    }

    /** Whether {@code event} is an event this runtime made (WSACreateEvent of another runtime's is not). */
    public boolean owns(WspEvent event) {
        return event instanceof RuntimeEvent e && e.ownedBy(owner);
    }

    /** Whether {@code port} is a completion port this runtime made. */
    public boolean owns(CompletionPort port) {
        return port instanceof RuntimeCompletionPort p && p.ownedBy(owner);
    }

    public CompletionPort createPort() {
        return new RuntimeCompletionPort(owner);
    }

    /** WSAWaitForMultipleEvents; {@code timeout} {@code null} waits forever. */
    public WspResult<Integer> waitForMultipleEvents(List<WspEvent> events, boolean waitAll, Duration timeout,
                                                    boolean alertable) {
        if (events == null || events.isEmpty() || events.size() > MAXIMUM_WAIT_EVENTS) {
            return WspResult.fail(WsaError.WSA_INVALID_PARAMETER);
        }
        RuntimeEvent[] evs = new RuntimeEvent[events.size()];
        for (int i = 0; i < evs.length; i++) {
            if (!(events.get(i) instanceof RuntimeEvent e) || !e.ownedBy(owner)) {
                return WspResult.fail(WsaError.WSA_INVALID_HANDLE);
            }
            evs[i] = e;
        }
        Waiter w = new Waiter();
        for (RuntimeEvent e : evs) {
            e.add(w);
        }
        try {
            return await(w, alertable, deadline(timeout), () -> signalled(evs, waitAll));
        } finally {
            for (RuntimeEvent e : evs) {
                e.remove(w);
            }
        }
    }

    /** SleepEx: 0 when the time passed, {@link #WAIT_IO_COMPLETION} when an alertable sleep ran APCs. */
    public WspResult<Integer> sleep(Duration duration, boolean alertable) {
        WspResult<Integer> r = await(new Waiter(), alertable, deadline(duration), () -> -1);
        return r.isOk() && r.value() == WAIT_TIMEOUT ? WspResult.ok(0) : r;
    }

    /** GetQueuedCompletionStatus: the next packet, or WSAETIMEDOUT when none arrives in time. */
    public WspResult<CompletionPacket> getQueuedCompletionStatus(CompletionPort port, Duration timeout) {
        if (!(port instanceof RuntimeCompletionPort p) || !p.ownedBy(owner)) {
            return WspResult.fail(WsaError.WSA_INVALID_HANDLE);
        }
        long deadline = deadline(timeout);
        p.lock.lock();
        try {
            while (true) {
                CompletionPacket packet = p.poll();
                if (packet != null) {
                    return WspResult.ok(packet);
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanoTime();
                if (left <= 0) {
                    return WspResult.fail(WsaError.WSAETIMEDOUT);
                }
                clock.awaitNanos(p.lock, p.nonEmpty, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            p.lock.unlock();
        }
    }

    private interface Check {
        /** The answer when the wait is satisfied, or a negative number. */
        int satisfied();
    }

    private WspResult<Integer> await(Waiter w, boolean alertable, long deadline, Check check) {
        ThreadState st = apcs.states().current();
        if (alertable) {
            st.parked = new ThreadState.Parked(w.lock, w.cond);
        }
        w.lock.lock();
        try {
            while (true) {
                int done = check.satisfied();
                if (done >= 0) {
                    return WspResult.ok(done);
                }
                if (alertable && st.hasApcs()) {
                    w.lock.unlock();
                    try {
                        apcs.runQueued(st, null);
                    } finally {
                        w.lock.lock();
                    }
                    return WspResult.ok(WAIT_IO_COMPLETION);
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanoTime();
                if (left <= 0) {
                    return WspResult.ok(WAIT_TIMEOUT);
                }
                clock.awaitNanos(w.lock, w.cond, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            w.lock.unlock();
            if (alertable) {
                st.parked = null;
            }
        }
    }

    private static int signalled(RuntimeEvent[] evs, boolean waitAll) {
        if (waitAll) {
            for (RuntimeEvent e : evs) {
                if (!e.isSet()) {
                    return -1;
                }
            }
            return 0;
        }
        for (int i = 0; i < evs.length; i++) {
            if (evs[i].isSet()) {
                return i;
            }
        }
        return -1;
    }

    private long deadline(Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long nanos;
        try {
            nanos = Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        long d = clock.nanoTime() + nanos;
        return d < 0 ? Long.MAX_VALUE : d;
    }
}

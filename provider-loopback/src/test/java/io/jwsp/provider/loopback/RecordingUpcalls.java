package io.jwsp.provider.loopback;

import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double of the runtime's upcall table: finishes each overlapped record (as WPUCompleteOverlappedRequest
 * does) and remembers every completion, in order, so a test can see which operation completed how.
 */
final class RecordingUpcalls implements Upcalls {
    record Completed(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from, Thread thread) {
    }

    private final List<Completed> completed = new ArrayList<>();

    @Override
    public WspEvent createEvent() {
        return new TestEvent();
    }

    @Override
    public synchronized void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred,
                                                int flags, SockAddr from) {
        if (overlapped.finish(error, bytesTransferred, flags, from)) {
            completed.add(new Completed(overlapped, error, bytesTransferred, flags, from, Thread.currentThread()));
        } else {
            throw new AssertionError("an overlapped operation was completed twice");
        }
    }

    @Override
    public void queueApc(Thread thread, Runnable apc) {
        apc.run();
    }

    synchronized List<Completed> completed() {
        return List.copyOf(completed);
    }

    synchronized Completed of(Overlapped o) {
        for (Completed c : completed) {
            if (c.overlapped() == o) {
                return c;
            }
        }
        return null;
    }

    /** A manual-reset event that counts how often it was set. */
    static final class TestEvent implements WspEvent {
        private boolean set;
        private int times;

        @Override
        public synchronized void set() {
            set = true;
            times++;
        }

        @Override
        public synchronized void reset() {
            set = false;
        }

        @Override
        public synchronized boolean isSet() {
            return set;
        }

        synchronized int times() {
            return times;
        }
    }
}

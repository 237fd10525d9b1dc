package io.jwsp.provider.irda;

import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;

/** The runtime's upcalls, reduced to what a provider test needs: events that are flags, completions that set them. */
final class TestUpcalls implements Upcalls {
    static final class Flag implements WspEvent {
        private volatile boolean set;

        @Override public void set() { set = true; }
        @Override public void reset() { set = false; }
        @Override public boolean isSet() { return set; }
    }

    @Override
    public WspEvent createEvent() {
        return new Flag();
    }

    @Override
    public void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred, int flags,
                                   SockAddr from) {
        if (overlapped.finish(error, bytesTransferred, flags, from)
                && overlapped.completion() instanceof Completion.Event(WspEvent e)) {
            e.set();
        }
    }

    @Override
    public void queueApc(Thread thread, Runnable apc) {
        apc.run();
    }
}

package io.jwsp.provider.atm;

import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.util.concurrent.atomic.AtomicBoolean;

/** A stand-in for the runtime's upcall table: events are flags, completions finish the record and set its event. */
final class TestUpcalls implements Upcalls {
    static final class Flag implements WspEvent {
        private final AtomicBoolean set = new AtomicBoolean();

        @Override
        public void set() {
            set.set(true);
        }

        @Override
        public void reset() {
            set.set(false);
        }

        @Override
        public boolean isSet() {
            return set.get();
        }
    }

    @Override
    public WspEvent createEvent() {
        return new Flag();
    }

    @Override
    public void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred, int flags,
                                   SockAddr from) {
        if (overlapped != null && overlapped.finish(error, bytesTransferred, flags, from)
                && overlapped.completion() instanceof Completion.Event e) {
            e.event().set();
        }
    }

    @Override
    public void queueApc(Thread thread, Runnable apc) {
        apc.run();
    }
}

package io.jwsp.runtime.event;

import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;

/**
 * The upcall table a runtime hands its providers. {@link #completeOverlapped} records the result and then performs
 * the completion action exactly once: the second finisher of a record does nothing.
 */
public final class RuntimeUpcalls implements Upcalls {
    private final EventWaits waits;
    private final ApcDelivery apcs;
    private final CompletionSignal signal;

    public RuntimeUpcalls(EventWaits waits, ApcDelivery apcs, CompletionSignal signal) {
        this.waits = waits;
        this.apcs = apcs;
        this.signal = signal;
    }

    @Override
    public WspEvent createEvent() {
        return waits.createEvent();
    }

    @Override
    public void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred, int flags,
                                   SockAddr from) {
        if (overlapped == null) {
            return;
        }
        // Read while the record is still pending, the only time its issuer cannot change: once finished, the
        // application may issue it again from another thread, and this operation's routine must not follow it there.
        Thread issuer = overlapped.issuer();
        Completion action = overlapped.completionAction();
        if (!overlapped.finish(error, bytesTransferred, flags, from)) {
            return;
        }
        switch (action) {
            case Completion.Event e -> e.event().set();
            case Completion.Routine r -> {
                apcs.queue(issuer != null ? issuer : Thread.currentThread(),
                        () -> r.routine().completed(error, bytesTransferred, overlapped, flags));
            }
            case Completion.Port p -> p.port().post(new CompletionPacket(p.key(), overlapped, bytesTransferred, error));
            case Completion.Polled ignored -> {
            }
        }
        signal.signal();
    }

    @Override
    public void queueApc(Thread thread, Runnable apc) {
        if (thread != null && apc != null) {
            apcs.queue(thread, apc);
        }
    }
}

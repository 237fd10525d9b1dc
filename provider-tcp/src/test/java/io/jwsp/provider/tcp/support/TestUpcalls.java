package io.jwsp.provider.tcp.support;

import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The runtime's side, as small as the tests need: completions are recorded and the event (if any) is set. */
public final class TestUpcalls implements Upcalls {
    public record Done(Overlapped overlapped, WsaError error, int bytes, Thread thread) {
    }

    public final BlockingQueue<Done> completions = new LinkedBlockingQueue<>();

    @Override
    public WspEvent createEvent() {
        return new TestEvent();
    }

    @Override
    public void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred, int flags,
                                   SockAddr from) {
        if (overlapped.finish(error, bytesTransferred, flags, from)) {
            if (overlapped.completion() instanceof Completion.Event(WspEvent e)) {
                e.set();
            }
            completions.add(new Done(overlapped, error, bytesTransferred, Thread.currentThread()));
        }
    }

    @Override
    public void queueApc(Thread thread, Runnable apc) {
        apc.run();
    }
}

package io.jwsp.spi;

import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;

/**
 * WSPUPCALLTABLE: the services the runtime offers providers. The WPU* socket-handle calls have no counterpart:
 * the runtime owns handles and maps them to the {@link WspSocket} objects providers return.
 */
public interface Upcalls {
    /** WPUCreateEvent: a manual-reset event the runtime can wait on. */
    WspEvent createEvent();

    /**
     * WPUCompleteOverlappedRequest: records the result of an overlapped operation and performs its completion
     * action (sets the event, queues the routine to the issuing thread, or posts to the port), exactly once.
     *
     * @param error {@code null} for success
     */
    void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred, int flags,
                            io.jwsp.spi.addr.SockAddr from);

    /** WPUQueueApc: runs {@code apc} on {@code thread} the next time it waits alertably. */
    void queueApc(Thread thread, Runnable apc);
}

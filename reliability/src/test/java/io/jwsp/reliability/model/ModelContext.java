package io.jwsp.reliability.model;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.TimeSource;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireTap;
import java.util.Map;

/**
 * The least a provider needs to run outside a runtime, for the model checker: a virtual clock nobody advances, no
 * wire tap, the given settings, and upcalls that refuse what the checked scenarios never use (events, overlapped
 * completion, APCs).
 */
record ModelContext(VirtualClock clock, Map<String, String> settings) implements ProviderContext, Upcalls {
    ModelContext(Map<String, String> settings) {
        this(new VirtualClock(), settings);
    }

    @Override
    public TimeSource timeSource() {
        return clock;
    }

    @Override
    public WireTap wireTap() {
        return WireTap.NONE;
    }

    @Override
    public WspEvent createEvent() {
        throw new UnsupportedOperationException("the model scenarios use no events");
    }

    @Override
    public void completeOverlapped(Overlapped overlapped, WsaError error, int bytesTransferred, int flags,
                                   SockAddr from) {
        throw new UnsupportedOperationException("the model scenarios use no overlapped I/O");
    }

    @Override
    public void queueApc(Thread thread, Runnable apc) {
        throw new UnsupportedOperationException("the model scenarios use no APCs");
    }
}

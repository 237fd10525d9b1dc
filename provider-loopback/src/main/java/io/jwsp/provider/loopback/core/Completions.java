package io.jwsp.provider.loopback.core;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.util.ArrayList;
import java.util.List;

/**
 * Overlapped completions decided under a socket's lock and performed after it is released, so an upcall (an
 * event set, a port post) never runs with a provider lock held.
 */
public final class Completions {
    record Done(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from) {
    }

    private List<Done> done;

    public void add(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from) {
        if (done == null) {
            done = new ArrayList<>(2);
        }
        done.add(new Done(overlapped, error, bytes, flags, from));
    }

    /** Performs every completion collected; call without any socket lock held. */
    public void fire(LoopbackStack stack) {
        if (done == null) {
            return;
        }
        List<Done> now = done;
        done = null;
        for (Done d : now) {
            stack.complete(d.overlapped(), d.error(), d.bytes(), d.flags(), d.from());
        }
    }
}

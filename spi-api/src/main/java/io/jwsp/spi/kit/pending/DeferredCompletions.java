package io.jwsp.spi.kit.pending;

import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import java.util.ArrayList;
import java.util.List;

/**
 * Overlapped completions decided under a socket's lock and performed after it is released, so an upcall (an event
 * set, a completion routine queued, a port post) never runs with a provider lock held: the application's code that
 * the upcall wakes may call straight back into the socket. One instance per call, confined to the calling thread.
 */
public final class DeferredCompletions {
    private record Done(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from) {
    }

    private List<Done> done;

    /** Records a completion to perform later; {@code null} {@code overlapped} is ignored. */
    public void add(Overlapped overlapped, WsaError error, int bytes, int flags, SockAddr from) {
        if (overlapped == null) {
            return;
        }
        if (done == null) {
            done = new ArrayList<>(2);
        }
        done.add(new Done(overlapped, error, bytes, flags, from));
    }

    public boolean isEmpty() {
        return done == null || done.isEmpty();
    }

    /** Performs every completion recorded, in order; call with no socket lock held. Safe to call again. */
    public void fire(OverlappedCompleter completer) {
        while (done != null) {
            List<Done> now = done;
            done = null;
            for (Done d : now) {
                completer.complete(d.overlapped(), d.error(), d.bytes(), d.flags(), d.from());
            }
        }
    }
}

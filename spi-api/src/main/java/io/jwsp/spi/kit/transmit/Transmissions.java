package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.io.Overlapped;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket's transmits in progress, so CancelIo / CancelIoEx find them: the application's record names the
 * transmit, never the steps it runs on the socket's send queue.
 */
public final class Transmissions {
    private final List<Transmission> active = new ArrayList<>(1);

    synchronized void add(Transmission t) {
        active.add(t);
    }

    synchronized void remove(Transmission t) {
        active.remove(t);
    }

    /** How many transmits are in progress. */
    public synchronized int size() {
        return active.size();
    }

    /**
     * Aborts {@code overlapped}'s transmit ({@code null}: every one): each completes with WSA_OPERATION_ABORTED and
     * the bytes it sent. Answers how many it reached. Call with no socket lock held.
     */
    public int cancel(Overlapped overlapped) {
        List<Transmission> hit = new ArrayList<>(1);
        synchronized (this) {
            for (Transmission t : active) {
                if (overlapped == null || t.overlapped() == overlapped) {
                    hit.add(t);
                }
            }
        }
        int n = 0;
        for (Transmission t : hit) {
            if (t.cancel()) {
                n++;
            }
        }
        return n;
    }
}

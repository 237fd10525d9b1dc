package io.jwsp.provider.atm.sw;

import io.jwsp.carriage.Carriage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;

/**
 * Collects the cells bound for one UDP destination while the provider's lock is held and sends them when it is
 * released, as few datagrams as possible (cells stay in order).
 */
final class CellBatch {
    private final Sync sync;
    private final Carriage carriage;
    private final InetSocketAddress to;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean flushQueued;

    CellBatch(Sync sync, Carriage carriage, InetSocketAddress to) {
        this.sync = sync;
        this.carriage = carriage;
        this.to = to;
    }

    /** Adds a cell; the caller holds the lock. */
    void add(byte[] cell) {
        pending.writeBytes(cell);
        if (pending.size() >= UdpFraming.MAX_DATAGRAM) {
            send(pending.toByteArray());
            pending.reset();
        }
        if (!flushQueued) {
            flushQueued = true;
            sync.defer(() -> sync.run(() -> {
                flushQueued = false;
                flush();
            }));
        }
    }

    /** Whether cells wait here to be sent. */
    boolean holds() {
        return pending.size() > 0;
    }

    /** Sends what is collected now (the caller holds the lock), so a {@link HandOff} mark covers it. */
    void flush() {
        if (pending.size() > 0) {
            send(pending.toByteArray());
            pending.reset();
        }
    }

    private void send(byte[] data) {
        carriage.send(to, data);
    }
}

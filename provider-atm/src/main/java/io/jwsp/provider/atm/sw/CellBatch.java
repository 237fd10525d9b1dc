package io.jwsp.provider.atm.sw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the cells bound for one UDP destination while the provider's lock is held and sends them when it is
 * released, as few datagrams as possible (cells stay in order).
 */
final class CellBatch {
    private static final Logger LOG = LoggerFactory.getLogger(CellBatch.class);

    private final Sync sync;
    private final DatagramSocket socket;
    private final SocketAddress to;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean flushQueued;

    CellBatch(Sync sync, DatagramSocket socket, SocketAddress to) {
        this.sync = sync;
        this.socket = socket;
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
            sync.defer(() -> sync.run(this::flush));
        }
    }

    private void flush() {
        flushQueued = false;
        if (pending.size() > 0) {
            send(pending.toByteArray());
            pending.reset();
        }
    }

    private void send(byte[] data) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            LOG.debug("atm: cells to {} lost: {}", to, e.toString());
        }
    }
}

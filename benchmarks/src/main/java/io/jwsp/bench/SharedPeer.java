package io.jwsp.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on the accepted ends of every side of a {@link TcpBenchmark} fork. The sides take turns; whichever
 * is measured, the same two threads (the benchmark's and this one) carry it, so the scheduler's placement of the
 * pair of threads, which holds for a long time on a 2-core machine and moves a round trip by tens of percent, is the
 * same for both sides. (With a peer thread per side, raw NIO against raw NIO in one fork measured 0.3x.)
 *
 * <p>The benchmark thread moves both threads to another side with a handover, between iterations: a marker byte
 * (the data bytes are all 0) naming the next side, sent after its last data on the current side, and a 1-byte
 * acknowledgement back; so each side starts with nothing of the other's in flight.
 */
final class SharedPeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPeer.class);

    /** {@link Service#serveOnce}'s answer: the stream goes on on this side. */
    static final int SAME_SIDE = -1;
    /** {@link Service#serveOnce}'s answer: the stream ended (the benchmark is over) or failed. */
    static final int END = -2;

    /** What the peer does with one receive on the accepted end of {@code side}. */
    @FunctionalInterface
    interface Service {
        /**
         * Serves one receive; answers {@link #SAME_SIDE}, {@link #END}, or the side a handover marker named (after
         * acknowledging it: the echo of the marker is its acknowledgement).
         */
        int serveOnce(TcpSide side) throws IOException;
    }

    private final List<TcpSide> sides;
    private final Service service;
    private final Thread thread;
    private final ByteBuffer marker = ByteBuffer.allocate(1);
    private final ByteBuffer ack = ByteBuffer.allocate(1);
    /** The side the benchmark thread drives now (the benchmark thread's own). */
    private int current;

    SharedPeer(List<TcpSide> sides, Service service) {
        this.sides = List.copyOf(sides);
        this.service = service;
        this.thread = Thread.ofPlatform().daemon().name("tcp-peer").start(this::serve);
    }

    /** The marker byte that hands the peer over to side {@code index}. */
    static byte markerFor(int index) {
        return (byte) (index + 1);
    }

    /** What a received byte says: {@link #SAME_SIDE} for data, else the side its marker names. */
    static int sideNamedBy(byte b) {
        return b == 0 ? SAME_SIDE : b - 1;
    }

    private void serve() {
        int serving = 0;
        try {
            while (true) {
                int next = service.serveOnce(sides.get(serving));
                if (next == END) {
                    return;
                }
                if (next != SAME_SIDE) {
                    serving = next;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the TCP benchmark's peer failed on side {}", sides.get(serving), e);
            closeClients(); // the benchmark thread, blocked on a client end, fails instead of waiting for ever
        }
    }

    int current() {
        return current;
    }

    /** Moves the benchmark (the caller) and the peer to side {@code to}, with nothing in flight; answers it. */
    TcpSide handOver(int to) throws IOException {
        TcpSide from = sides.get(current);
        marker.clear();
        marker.put(0, markerFor(to));
        while (marker.hasRemaining()) {
            from.clientSend(marker);
        }
        ack.clear();
        while (ack.hasRemaining()) {
            if (from.clientRecv(ack) < 0) {
                throw new EOFException("the peer closed " + from + " during a handover");
            }
        }
        current = to;
        return sides.get(to);
    }

    private void closeClients() {
        for (TcpSide s : sides) {
            try {
                s.closeClient();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the client end of {}", s, e);
            }
        }
    }

    /** Ends the peer: every client end closes, so the peer reads the end of the stream wherever it waits. */
    @Override
    public void close() throws InterruptedException {
        closeClients();
        thread.join(5_000);
        if (thread.isAlive()) {
            LOG.warn("the TCP benchmark's peer did not end within 5 s");
        }
    }
}

package io.jwsp.runtime.event;

import io.jwsp.spi.io.CompletionPacket;
import io.jwsp.spi.io.CompletionPort;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** An I/O completion port of one runtime: a FIFO of packets that {@link EventWaits} dequeues on the runtime's clock. */
public final class RuntimeCompletionPort implements CompletionPort {
    private final Object owner;
    final ReentrantLock lock = new ReentrantLock();
    final Condition nonEmpty = lock.newCondition();
    private final ArrayDeque<CompletionPacket> packets = new ArrayDeque<>();

    RuntimeCompletionPort(Object owner) {
        this.owner = owner;
    }

    boolean ownedBy(Object runtime) {
        return owner == runtime;
    }

    @Override
    public void post(CompletionPacket packet) {
        Objects.requireNonNull(packet, "packet");
        lock.lock();
        try {
            packets.add(packet);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next packet, or {@code null}; the caller holds {@link #lock}. */
    CompletionPacket poll() {
        return packets.poll();
    }

    public int queued() {
        lock.lock();
        try {
            return packets.size();
        } finally {
            lock.unlock();
        }
    }
}

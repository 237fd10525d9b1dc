package io.jwsp.runtime.fake;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.event.NetworkEvents;
import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A socket whose close answers can be scripted, whose blocking recv waits on the provider's clock until data is
 * fed or the call is cancelled, and whose overlapped recv stays pending until {@link #completePending}.
 */
public final class FakeSocket implements WspSocket {
    private final FakeProvider provider;
    private final ProtocolInfo info;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    public final Deque<WspResult<Void>> closeAnswers = new ArrayDeque<>();
    public final Map<SockOpt<?>, Object> options = new HashMap<>();
    private final ArrayDeque<Byte> inbound = new ArrayDeque<>();
    public volatile int closeCalls;
    public volatile boolean closed;
    public volatile boolean nonBlocking;
    public volatile WspEvent selectedEvent;
    /** Runs inside closeSocket(), as a close that lingers would take its time there. */
    public volatile Runnable duringClose;
    /** Runs in send with the array the caller passed, before its bytes are taken. */
    public volatile Consumer<ByteBuffer[]> duringSend;
    /** Makes shutdown() throw, as a buggy provider would. */
    public volatile boolean throwOnShutdown;
    public volatile int selectedMask;
    private Thread blocked;
    private boolean cancelled;
    private Overlapped pending;

    FakeSocket(FakeProvider provider, ProtocolInfo info) {
        this.provider = provider;
        this.info = info;
    }

    @Override
    public ProtocolInfo protocolInfo() {
        return info;
    }

    @Override
    public WspResult<Void> closeSocket() {
        closeCalls++;
        Runnable hook = duringClose;
        if (hook != null) {
            hook.run();
        }
        WspResult<Void> scripted;
        synchronized (closeAnswers) {
            scripted = closeAnswers.poll();
        }
        if (scripted != null && !scripted.isOk()) {
            return scripted;
        }
        closed = true;
        provider.readinessChanged();
        return WspResult.ok();
    }

    @Override
    public WspResult<Void> bind(SockAddr name) {
        return WspResult.ok();
    }

    @Override
    public WspResult<Void> shutdown(int how) {
        if (throwOnShutdown) {
            throw new IllegalStateException("buggy provider");
        }
        return WspSocket.super.shutdown(how);
    }

    @Override
    public WspResult<Accepted> accept(AcceptCondition condition) {
        FakeSocket s = new FakeSocket(provider, info);
        provider.sockets.add(s);
        Runnable hook = provider.beforeAnsweringASocket;
        if (hook != null) {
            hook.run();
        }
        return WspResult.ok(new Accepted(s, null));
    }

    @Override
    public <T> WspResult<Void> setSockOpt(SockOpt<T> option, T value) {
        options.put(option, value);
        return WspResult.ok();
    }

    @Override
    public <T> WspResult<T> getSockOpt(SockOpt<T> option) {
        Object v = options.get(option);
        if (v == null) {
            return WspResult.fail(WsaError.WSAENOPROTOOPT);
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return WspResult.ok(t);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> WspResult<O> ioctl(IoControl<I, O> code, I input, Overlapped overlapped) {
        if (code.equals(IoControls.FIONBIO)) {
            nonBlocking = (Boolean) input;
            return (WspResult<O>) WspResult.ok();
        }
        return WspResult.fail(WsaError.WSAEOPNOTSUPP);
    }

    @Override
    public WspResult<Void> eventSelect(WspEvent event, int networkEvents) {
        selectedEvent = event;
        selectedMask = networkEvents;
        return WspResult.ok();
    }

    @Override
    public WspResult<NetworkEvents> enumNetworkEvents(WspEvent eventToReset) {
        return WspResult.ok(NetworkEvents.NONE);
    }

    @Override
    public WspResult<Integer> send(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        Consumer<ByteBuffer[]> hook = duringSend;
        if (hook != null) {
            hook.accept(buffers);
        }
        int n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
            b.position(b.limit());
        }
        if (overlapped != null) {
            provider.upcalls.completeOverlapped(overlapped, null, n, 0, null);
        }
        return WspResult.ok(n);
    }

    @Override
    public WspResult<Integer> recv(ByteBuffer[] buffers, int flags, Overlapped overlapped) {
        lock.lock();
        try {
            if (overlapped != null) {
                pending = overlapped;
                return WspResult.pending();
            }
            blocked = Thread.currentThread();
            try {
                while (inbound.isEmpty()) {
                    if (cancelled) {
                        cancelled = false;
                        return WspResult.fail(WsaError.WSAEINTR);
                    }
                    try {
                        provider.context.timeSource().awaitNanos(lock, changed, Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return WspResult.fail(WsaError.WSAEINTR);
                    }
                }
                int n = 0;
                while (!inbound.isEmpty() && buffers[0].hasRemaining()) {
                    buffers[0].put(inbound.poll());
                    n++;
                }
                return WspResult.ok(n);
            } finally {
                blocked = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes for the next recv. */
    public void feed(byte... bytes) {
        lock.lock();
        try {
            for (byte b : bytes) {
                inbound.add(b);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        provider.readinessChanged();
    }

    /** Whether another thread could take this socket's lock now (within one second of real time). */
    public boolean lockIsFree() {
        try {
            if (lock.tryLock(1, TimeUnit.SECONDS)) {
                lock.unlock();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Data to read, or closed: a select reports a socket closed under it readable. */
    public boolean readable() {
        lock.lock();
        try {
            return closed || !inbound.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a thread is parked in recv now. */
    public boolean hasBlockedThread() {
        lock.lock();
        try {
            return blocked != null;
        } finally {
            lock.unlock();
        }
    }

    /** Finishes the pending overlapped recv through the upcall. */
    public void completePending(WsaError error, int bytes) {
        Overlapped ov;
        lock.lock();
        try {
            ov = pending;
            pending = null;
        } finally {
            lock.unlock();
        }
        provider.upcalls.completeOverlapped(ov, error, bytes, 0, null);
    }

    boolean cancelIfBlocked(Thread thread) {
        lock.lock();
        try {
            if (blocked != thread) {
                return false;
            }
            cancelled = true;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }
}

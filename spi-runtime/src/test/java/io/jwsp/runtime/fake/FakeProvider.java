package io.jwsp.runtime.fake;

import io.jwsp.spi.ProviderContext;
import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A base provider that records what the runtime asked of it. */
public final class FakeProvider implements WspProvider {
    public final String name;
    public final ProviderContext context;
    private final boolean failStartup;
    public volatile int startups;
    public volatile int cleanups;
    public volatile Upcalls upcalls;
    public final List<ProtocolInfo> socketInfos = new CopyOnWriteArrayList<>();
    public final List<FakeSocket> sockets = new CopyOnWriteArrayList<>();
    /** Runs in socket() and accept() once the new socket is made, before it is answered. */
    public volatile Runnable beforeAnsweringASocket;
    /** When set, select() and every call on a socket made from now on throw it, as a crashing provider would. */
    public volatile Throwable crashWith;
    /** When set, select() and every call on a socket made from now on answer {@code null}, as a broken one would. */
    public volatile boolean answerNothing;
    private final ReentrantLock readiness = new ReentrantLock();
    private final Condition changed = readiness.newCondition();
    private int selectsWaiting;

    FakeProvider(String name, ProviderContext context, boolean failStartup) {
        this.name = name;
        this.context = context;
        this.failStartup = failStartup;
    }

    @Override
    public synchronized WspResult<StartupReply> startup(WsaVersion requested, Upcalls up) {
        if (failStartup) {
            return WspResult.fail(WsaError.WSASYSNOTREADY);
        }
        WspResult<StartupReply> r = WsaVersion.negotiate(requested, WsaVersion.V2_2, WsaVersion.V2_2);
        if (r.isOk()) {
            startups++;
            upcalls = up;
        }
        return r;
    }

    @Override
    public synchronized WspResult<Void> cleanup() {
        if (startups == cleanups) {
            return WspResult.fail(WsaError.WSANOTINITIALISED);
        }
        cleanups++;
        return WspResult.ok();
    }

    /** Startups not yet matched by a cleanup. */
    public synchronized int started() {
        return startups - cleanups;
    }

    @Override
    public WspResult<WspSocket> socket(ProtocolInfo info, int af, int type, int protocol, int flags) {
        socketInfos.add(info);
        if (crashWith != null || answerNothing) {
            return WspResult.ok(BrokenSocket.of(crashWith, info));
        }
        FakeSocket s = new FakeSocket(this, info);
        sockets.add(s);
        Runnable hook = beforeAnsweringASocket;
        if (hook != null) {
            hook.run();
        }
        return WspResult.ok(s);
    }

    /**
     * Readable: data fed, or closed (as a listener closed under a select is reported readable); every socket is
     * writable. With nothing ready it waits on the provider's clock until a socket of this provider changes (data
     * fed, a close) or the time-out passes; {@code timeoutNanos} &lt; 0 waits until a change.
     */
    @Override
    public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
        if (crashWith instanceof RuntimeException e) {
            throw e;
        }
        if (crashWith instanceof Error e) {
            throw e;
        }
        if (answerNothing) {
            return null;
        }
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : context.timeSource().nanoTime() + timeoutNanos;
        readiness.lock();
        try {
            while (true) {
                List<WspSocket> read = sets.read().stream().filter(s -> ((FakeSocket) s).readable()).toList();
                SelectSets ready = new SelectSets(read, sets.write(), List.of());
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - context.timeSource().nanoTime();
                if (ready.total() > 0 || left <= 0) {
                    return WspResult.ok(ready);
                }
                selectsWaiting++;
                try {
                    context.timeSource().awaitNanos(readiness, changed, left);
                } finally {
                    selectsWaiting--;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            readiness.unlock();
        }
    }

    /** Wakes every select of this provider to look again. */
    void readinessChanged() {
        readiness.lock();
        try {
            changed.signalAll();
        } finally {
            readiness.unlock();
        }
    }

    /** How many selects wait now. */
    public int selectsWaiting() {
        readiness.lock();
        try {
            return selectsWaiting;
        } finally {
            readiness.unlock();
        }
    }

    @Override
    public WspResult<Void> cancelBlockingCall(Thread thread) {
        for (FakeSocket s : sockets) {
            if (s.cancelIfBlocked(thread)) {
                return WspResult.ok();
            }
        }
        return WspResult.fail(WsaError.WSAEINVAL);
    }

    /** A provider extension for unwrap tests. */
    public interface Probe {
        String providerName();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type == Probe.class) {
            return Optional.of(type.cast((Probe) () -> name));
        }
        return WspProvider.super.unwrap(type);
    }
}

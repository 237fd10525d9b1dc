package io.jwsp.provider.tcp;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WSPSelect call. Readiness comes from the provider's poller (the sockets add the interest for the call); the
 * caller waits on the provider's clock. A zero time-out still lets the poller look once (one selection round), so
 * select(0) reports what the kernel knows now.
 */
final class SelectCall {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int EXCEPT = 2;

    private final TcpProvider provider;
    private final SelectSets sets;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Set<TcpSocket>> ready = List.of(identitySet(), identitySet(), identitySet());
    private boolean roundDone;

    SelectCall(TcpProvider provider, SelectSets sets) {
        this.provider = provider;
        this.sets = sets;
    }

    private static Set<TcpSocket> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    WspResult<SelectSets> run(long timeoutNanos) {
        List<List<WspSocket>> asked = List.of(sets.read(), sets.write(), sets.except());
        TimeSource clock = provider.timeSource();
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : clock.nanoTime() + timeoutNanos;
        try {
            for (int kind = READ; kind <= EXCEPT; kind++) {
                for (WspSocket w : asked.get(kind)) {
                    ((TcpSocket) w).readiness().watchForSelect(this, kind);
                }
            }
            provider.poller().afterNextRound(this::roundDone);
            lock.lock();
            try {
                while (!anyReady()) {
                    if (timeoutNanos == 0) {
                        if (roundDone) {
                            break;
                        }
                        // the poller answers within one selection round, in real time
                        clock.awaitNanos(lock, changed, Long.MAX_VALUE);
                        continue;
                    }
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    clock.awaitNanos(lock, changed, left);
                }
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WspResult.fail(WsaError.WSAEINTR);
        } finally {
            for (int kind = READ; kind <= EXCEPT; kind++) {
                for (WspSocket w : asked.get(kind)) {
                    ((TcpSocket) w).readiness().unwatchForSelect(this);
                }
            }
        }
        lock.lock();
        try {
            return WspResult.ok(new SelectSets(pick(asked.get(READ), READ), pick(asked.get(WRITE), WRITE),
                    pick(asked.get(EXCEPT), EXCEPT)));
        } finally {
            lock.unlock();
        }
    }

    private List<WspSocket> pick(List<WspSocket> in, int kind) {
        List<WspSocket> out = new ArrayList<>();
        for (WspSocket w : in) {
            if (ready.get(kind).contains((TcpSocket) w)) {
                out.add(w);
            }
        }
        return out;
    }

    private boolean anyReady() {
        return !ready.get(READ).isEmpty() || !ready.get(WRITE).isEmpty() || !ready.get(EXCEPT).isEmpty();
    }

    /** Called by a socket (from the poller or at registration) when it is ready for {@code kind}. */
    void ready(TcpSocket s, int kind) {
        lock.lock();
        try {
            ready.get(kind).add(s);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by a socket that starts closing under this call: ready in {@code kind} unless already reported in
     * another set, so a closed socket counts once.
     */
    void readyOnce(TcpSocket s, int kind) {
        lock.lock();
        try {
            for (Set<TcpSocket> set : ready) {
                if (set.contains(s)) {
                    changed.signalAll();
                    return;
                }
            }
            ready.get(kind).add(s);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void roundDone() {
        lock.lock();
        try {
            roundDone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.Sync;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The provider's one lock as the socket kit sees it: unlocking goes through {@link Sync#exit}, so the upcalls and
 * zero-latency deliveries deferred while it was held run when the kit's close sequence or a cancel releases it.
 */
final class SyncLock implements Lock {
    private final Sync sync;

    SyncLock(Sync sync) {
        this.sync = sync;
    }

    @Override
    public void lock() {
        sync.enter();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        sync.lock().lockInterruptibly();
    }

    @Override
    public boolean tryLock() {
        return sync.lock().tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return sync.lock().tryLock(time, unit);
    }

    @Override
    public void unlock() {
        sync.exit();
    }

    @Override
    public Condition newCondition() {
        return sync.lock().newCondition();
    }
}

package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.Sync;
import io.jwsp.spi.kit.SocketCore;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;

/**
 * One socket's upcalls decided under the provider's lock and run once it is released (by the thread that releases
 * it, through {@link Sync#defer}): events posted and overlapped completions never run with the lock held.
 */
final class AfterUnlock {
    private final Sync sync;
    private final SocketCore core;

    AfterUnlock(Sync sync, SocketCore core) {
        this.sync = sync;
        this.core = core;
    }

    /** Posts {@code fdBit} to the socket's event recorder once the lock is released. */
    void post(int fdBit, WsaError error) {
        sync.defer(() -> core.events().post(fdBit, error));
    }

    /** Performs {@code done}'s completions once the lock is released. */
    void fire(DeferredCompletions done) {
        if (!done.isEmpty()) {
            sync.defer(() -> core.fire(done));
        }
    }
}

package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.Sync;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayList;
import java.util.List;

/** WSPSelect over ATM sockets: readiness per set, waiting on the provider's clock. */
final class AtmSelect {
    private AtmSelect() {
    }

    static WspResult<SelectSets> run(AtmProvider provider, SelectSets sets, long timeoutNanos) {
        Sync sync = provider.sync();
        sync.enter();
        try {
            List<WspSocket> all = new ArrayList<>(sets.read());
            all.addAll(sets.write());
            all.addAll(sets.except());
            for (WspSocket s : all) {
                if (!(s instanceof AtmSocket a) || a.isClosed()) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
            }
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : provider.time().nanoTime() + timeoutNanos;
            provider.enterBlocking(null);
            try {
                while (true) {
                    SelectSets ready = new SelectSets(
                            sets.read().stream().filter(s -> ((AtmSocket) s).readable()).toList(),
                            sets.write().stream().filter(s -> ((AtmSocket) s).writable()).toList(),
                            sets.except().stream().filter(s -> ((AtmSocket) s).exceptional()).toList());
                    if (ready.total() > 0 || timeoutNanos == 0) {
                        return WspResult.ok(ready);
                    }
                    // A socket in the sets closed by another thread ends the wait, as a blocked call would.
                    if (provider.cancelledNow() || all.stream().anyMatch(s -> ((AtmSocket) s).isClosing())) {
                        return WspResult.fail(WsaError.WSAEINTR);
                    }
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - provider.time().nanoTime();
                    if (left <= 0) {
                        return WspResult.ok(ready);
                    }
                    if (sync.hasDeferred()) {
                        sync.flush();
                        continue;
                    }
                    try {
                        provider.time().awaitNanos(sync.lock(), sync.changed(), left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return WspResult.fail(WsaError.WSAEINTR);
                    }
                }
            } finally {
                provider.leaveBlocking();
            }
        } finally {
            sync.exit();
        }
    }
}

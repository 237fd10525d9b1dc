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
                if (!(s instanceof AtmSocket a) || a.isClosing()) {
                    return WspResult.fail(WsaError.WSAENOTSOCK);
                }
            }
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : provider.time().nanoTime() + timeoutNanos;
            provider.enterBlocking(null);
            try {
                while (true) {
                    SelectSets ready = readyNow(sets);
                    if (ready.total() > 0 || timeoutNanos == 0) {
                        return WspResult.ok(ready);
                    }
                    if (provider.cancelledNow()) {
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

    /**
     * The sockets ready now. A socket another thread closed under the select is reported ready once, as Windows
     * does: in the read set if it was asked there, else in the write set, else in the except set.
     */
    private static SelectSets readyNow(SelectSets sets) {
        List<WspSocket> read = sets.read().stream()
                .filter(s -> ((AtmSocket) s).isClosing() || ((AtmSocket) s).readable()).toList();
        List<WspSocket> write = sets.write().stream()
                .filter(s -> ((AtmSocket) s).isClosing() ? !sets.read().contains(s) : ((AtmSocket) s).writable())
                .toList();
        List<WspSocket> except = sets.except().stream()
                .filter(s -> ((AtmSocket) s).isClosing()
                        ? !sets.read().contains(s) && !sets.write().contains(s)
                        : ((AtmSocket) s).exceptional())
                .toList();
        return new SelectSets(read, write, except);
    }
}

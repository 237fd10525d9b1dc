package io.jwsp.provider.atm;

import io.jwsp.provider.atm.sw.Sync;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.kit.wait.BlockingWait;
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
            if (timeoutNanos == 0) {
                return WspResult.ok(readyNow(sets));
            }
            // Registered in the cancel registry as a blocking call; a close under the select wakes it.
            BlockingWait wait = BlockingWait.start(provider.time(), provider.blockingCalls(), sets,
                    provider.syncLock(), sync.changed(), provider.services().spin(), timeoutNanos);
            try {
                while (true) {
                    SelectSets ready = readyNow(sets);
                    if (ready.total() > 0) {
                        return WspResult.ok(ready);
                    }
                    WsaError stop = wait.park();
                    if (stop == WsaError.WSAETIMEDOUT) {
                        return WspResult.ok(readyNow(sets));
                    }
                    if (stop != null) {
                        return WspResult.fail(stop);
                    }
                }
            } finally {
                wait.end();
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

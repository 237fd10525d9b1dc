package io.jwsp.spi.kit.ext;

import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.List;

/**
 * The one wait of an extension call's worker: the provider's own select on a socket, with no time-out, so the same
 * rules end it as any select (readiness, a close of the socket) plus the call's abort, which interrupts it.
 */
final class ExtensionWaits {
    private ExtensionWaits() {
    }

    /** Waits until {@code s} is readable (or closing); WSA_OPERATION_ABORTED once the call ended. */
    static WsaError readable(WspProvider provider, ExtensionCall call, WspSocket s) {
        return await(provider, call, new SelectSets(List.of(s), List.of(), List.of()));
    }

    /** Waits until {@code s} is writable or failed (a connect's outcome, room to send). */
    static WsaError writable(WspProvider provider, ExtensionCall call, WspSocket s) {
        return await(provider, call, new SelectSets(List.of(), List.of(s), List.of(s)));
    }

    private static WsaError await(WspProvider provider, ExtensionCall call, SelectSets sets) {
        WspResult<SelectSets> r = call.waiting(() -> provider.select(sets, -1));
        if (r == null || !call.live()) {
            return WsaError.WSA_OPERATION_ABORTED;
        }
        // WSAEINTR without an abort: a WSPCancelBlockingCall aimed elsewhere; look again
        return r.isOk() || r.is(WsaError.WSAEINTR) ? null : r.error();
    }
}

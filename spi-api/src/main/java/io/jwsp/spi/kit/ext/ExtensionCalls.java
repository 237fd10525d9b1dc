package io.jwsp.spi.kit.ext;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;
import java.util.ArrayList;
import java.util.List;

/**
 * The extension calls pending on one socket ({@code SocketCore.extensionCalls()}), beside its two queues of
 * overlapped transfers: closesocket aborts them with WSA_OPERATION_ABORTED, as it does the transfers, and CancelIo
 * finds them. Thread-safe on its own (a worker registers and leaves without the socket's lock).
 */
public final class ExtensionCalls {
    private final List<ExtensionCall> calls = new ArrayList<>(0);

    /** Registers {@code call} (a listener has any number of AcceptEx pending). */
    public synchronized void enter(ExtensionCall call) {
        calls.removeIf(c -> !c.live());
        calls.add(call);
    }

    /** Registers {@code call} unless another is pending (an accept socket, a connecting socket): then false. */
    public synchronized boolean enterAlone(ExtensionCall call) {
        calls.removeIf(c -> !c.live());
        if (!calls.isEmpty()) {
            return false;
        }
        calls.add(call);
        return true;
    }

    public synchronized void leave(ExtensionCall call) {
        calls.remove(call);
    }

    /**
     * Aborts {@code overlapped}'s call ({@code null}: every one) with {@code error}, completions to {@code done}.
     * Answers how many were aborted.
     */
    public synchronized int abort(Overlapped overlapped, WsaError error, DeferredCompletions done) {
        int n = 0;
        for (ExtensionCall c : List.copyOf(calls)) {
            if ((overlapped == null || c.overlapped() == overlapped) && c.abort(error, done)) {
                calls.remove(c);
                n++;
            }
        }
        return n;
    }
}

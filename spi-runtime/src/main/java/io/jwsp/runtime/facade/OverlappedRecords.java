package io.jwsp.runtime.facade;

import io.jwsp.runtime.event.CompletionSignal;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.function.Function;

/**
 * The runtime's side of the application's OVERLAPPED records: issuing an operation on one, and
 * WSAGetOverlappedResult.
 */
final class OverlappedRecords {
    private final CompletionSignal completions;
    private final TimeSource clock;

    OverlappedRecords(CompletionSignal completions, TimeSource clock) {
        this.completions = completions;
        this.clock = clock;
    }

    /**
     * Issues an overlapped operation. The runtime marks the record in use by the calling thread (the issuer its
     * completion routine runs on; providers must not call {@link Overlapped#begin} themselves); a record in use
     * is WSAEINVAL. A record without an event or a routine, issued on a socket associated with a completion port,
     * completes to that port. When the provider fails the call at once (or throws), no operation was started: the
     * record is released without a completion action.
     */
    static <T> WspResult<T> issue(OpenSocket socket, Overlapped ov, Function<Overlapped, WspResult<T>> operation) {
        if (!ov.begin(Thread.currentThread(), socket.completionPort())) {
            return Failures.of(WsaError.WSAEINVAL);
        }
        WspResult<T> r = null;
        try {
            r = operation.apply(ov);
            return r;
        } finally {
            if (r == null || r.isFailed()) {
                ov.finish(r == null ? WsaError.WSASYSCALLFAILURE : r.error(), 0, 0, null);
            }
        }
    }

    /**
     * The operation's bytes, or its error; WSA_IO_INCOMPLETE while pending and not asked to wait. A wait ends when
     * the operation completes, which the socket's close guarantees (pending operations are aborted).
     */
    WspResult<Integer> result(Overlapped ov, boolean wait) {
        if (ov.isPending()) {
            if (!wait) {
                return Failures.of(WsaError.WSA_IO_INCOMPLETE);
            }
            try {
                completions.awaitDone(ov, clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Failures.of(WsaError.WSAEINTR);
            }
        }
        if (!ov.isDone()) {
            return Failures.of(WsaError.WSAEINVAL);
        }
        WsaError err = ov.error();
        return err != null ? Failures.of(err) : WspResult.ok(ov.bytesTransferred());
    }
}

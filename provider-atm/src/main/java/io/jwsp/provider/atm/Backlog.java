package io.jwsp.provider.atm;

import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.kit.pending.DeferredCompletions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayDeque;

/**
 * A listener's calls, already answered (CONNECT sent), waiting for accept: oldest first, bounded by listen's
 * backlog (a SETUP beyond it is refused, user busy). Guarded by the provider's lock.
 */
final class Backlog {
    private final ArrayDeque<AtmSocket> waiting = new ArrayDeque<>();
    private int limit;

    /** listen(backlog): 1 to 200 calls. */
    void limit(int requested) {
        limit = Math.max(1, Math.min(requested <= 0 ? 1 : requested, 200));
    }

    boolean hasRoom() {
        return waiting.size() < limit;
    }

    void add(AtmSocket child) {
        waiting.add(child);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * accept: the oldest call, through the accept condition. CF_DEFER keeps it first (WSATRY_AGAIN); a rejection
     * clears the call with cause 21, call rejected (WSAECONNREFUSED).
     */
    WspResult<Accepted> take(AcceptCondition condition, DeferredCompletions done) {
        AtmSocket child = waiting.poll();
        if (condition != null) {
            int verdict = condition.decide(child.peerName());
            if (verdict == AcceptCondition.CF_DEFER) {
                waiting.addFirst(child);
                return WspResult.fail(WsaError.WSATRY_AGAIN);
            }
            if (verdict != AcceptCondition.CF_ACCEPT) {
                child.reject(done);
                return WspResult.fail(WsaError.WSAECONNREFUSED);
            }
        }
        return WspResult.ok(new Accepted(child, child.peerName()));
    }

    /** The listener closes: every call nobody accepted is released (cleanup close of each). */
    void releaseAll(DeferredCompletions done) {
        for (AtmSocket child : waiting) {
            child.release(done);
        }
        waiting.clear();
    }
}

package io.jwsp.provider.loopback.net;

import io.jwsp.spi.addr.SockAddr;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The connections whose closing side sits in TIME_WAIT, each until its deadline on the provider's clock. Entries
 * expire lazily (looked at on query and on insert), so no timer runs and a virtual clock needs no advancing task.
 * Kept in the order they entered: with one hold time per provider that is also the order they expire in, so an
 * insert drops the expired ones from the front and stops at the first live one (a full scan per insert made a
 * connection churn quadratic in the table's size).
 */
public final class TimeWaitTable {
    private record Pair(SockAddr local, SockAddr peer) {
    }

    private final LinkedHashMap<Pair, Long> deadlines = new LinkedHashMap<>();

    public synchronized void enter(SockAddr local, SockAddr peer, long now, long holdNanos) {
        Pair key = new Pair(local, peer);
        deadlines.remove(key); // a connection entering again goes to the back, in its new deadline's place
        deadlines.put(key, now + holdNanos);
        for (Iterator<Long> it = deadlines.values().iterator(); it.hasNext(); ) {
            if (it.next() - now > 0) {
                break;
            }
            it.remove();
        }
    }

    public synchronized boolean contains(SockAddr local, SockAddr peer, long now) {
        Pair key = new Pair(local, peer);
        Long deadline = deadlines.get(key);
        if (deadline == null) {
            return false;
        }
        if (deadline - now <= 0) {
            deadlines.remove(key);
            return false;
        }
        return true;
    }

    /** Exact whatever the hold times were: looks at every entry. */
    public synchronized int size(long now) {
        deadlines.values().removeIf(deadline -> deadline - now <= 0);
        return deadlines.size();
    }

    public synchronized void clear() {
        deadlines.clear();
    }
}

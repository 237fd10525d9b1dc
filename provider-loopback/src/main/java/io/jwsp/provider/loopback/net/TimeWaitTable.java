package io.jwsp.provider.loopback.net;

import io.jwsp.spi.addr.SockAddr;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The connections whose closing side sits in TIME_WAIT, each until its deadline on the provider's clock. Entries
 * expire lazily (looked at on query and on insert), so no timer runs and a virtual clock needs no advancing task.
 */
public final class TimeWaitTable {
    private record Pair(SockAddr local, SockAddr peer) {
    }

    private final Map<Pair, Long> deadlines = new HashMap<>();

    public synchronized void enter(SockAddr local, SockAddr peer, long now, long holdNanos) {
        if (deadlines.size() >= 64) {
            purge(now);
        }
        deadlines.put(new Pair(local, peer), now + holdNanos);
    }

    public synchronized boolean contains(SockAddr local, SockAddr peer, long now) {
        Long deadline = deadlines.get(new Pair(local, peer));
        if (deadline == null) {
            return false;
        }
        if (deadline - now <= 0) {
            deadlines.remove(new Pair(local, peer));
            return false;
        }
        return true;
    }

    public synchronized int size(long now) {
        purge(now);
        return deadlines.size();
    }

    public synchronized void clear() {
        deadlines.clear();
    }

    private void purge(long now) {
        for (Iterator<Long> it = deadlines.values().iterator(); it.hasNext(); ) {
            if (it.next() - now <= 0) {
                it.remove();
            }
        }
    }
}

package io.jwsp.carriage;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The peers a carriage knows, by address, at most {@code max}: when full, the longest-silent peer makes room if it
 * has been silent for at least {@code evictAfterNanos}; otherwise a new peer is refused. Guarded by its carriage's
 * lock.
 */
final class PeerTable {
    private final Map<InetSocketAddress, Peer> peers = new LinkedHashMap<>();
    private final int max;
    private final long evictAfterNanos;

    PeerTable(int max, long evictAfterNanos) {
        this.max = max;
        this.evictAfterNanos = evictAfterNanos;
    }

    Peer get(InetSocketAddress a) {
        return peers.get(a);
    }

    /**
     * The peer at {@code a}, created if there is none and there is room; {@code null} when the table is full of
     * live peers. A new peer's sending side is {@code session}. An evicted peer is handed to {@code evicted}.
     */
    Peer getOrCreate(InetSocketAddress a, long now, long session, Consumer<Peer> evicted) {
        Peer p = peers.get(a);
        if (p != null) {
            return p;
        }
        if (peers.size() >= max) {
            Peer oldest = null;
            for (Peer q : peers.values()) {
                if (oldest == null || q.lastHeard < oldest.lastHeard) {
                    oldest = q;
                }
            }
            if (oldest == null || now - oldest.lastHeard < evictAfterNanos) {
                return null;
            }
            peers.remove(oldest.address);
            evicted.accept(oldest);
        }
        p = new Peer(a, now, session);
        peers.put(a, p);
        return p;
    }

    void remove(InetSocketAddress a) {
        peers.remove(a);
    }

    Collection<Peer> all() {
        return peers.values();
    }

    int size() {
        return peers.size();
    }

    void clear() {
        peers.clear();
    }
}

package io.jwsp.runtime.facade;

import io.jwsp.runtime.Winsock.Ready;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.result.WsaError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One select call's handles, each looked up exactly once: the sockets asked of the provider and the way back from
 * the sockets it answers to the caller's handles. A handle closed by another thread after it was looked up stays
 * mapped, so a socket the provider reports after such a close is still reported under the handle the caller gave
 * (select never looks a handle up again, which is what once made a racing close throw).
 */
final class SelectRequest {
    private final List<Map<WspSocket, List<Long>>> bySet = List.of(new IdentityHashMap<>(), new IdentityHashMap<>(),
            new IdentityHashMap<>());
    private OpenSocket first;
    private WsaError refusal;

    private SelectRequest() {
    }

    /**
     * Looks up the handles of the three sets in order (read, write, except; a {@code null} set is empty). The first
     * handle that names no socket is WSAENOTSOCK, the first of another provider than the first handle's WSAEINVAL;
     * no handle at all is WSAEINVAL.
     */
    static SelectRequest resolve(HandleTable handles, Set<Long> read, Set<Long> write, Set<Long> except) {
        SelectRequest request = new SelectRequest();
        List<Set<Long>> sets = List.of(orEmpty(read), orEmpty(write), orEmpty(except));
        for (int i = 0; i < sets.size() && request.refusal == null; i++) {
            request.refusal = request.add(handles, sets.get(i), request.bySet.get(i));
        }
        if (request.refusal == null && request.first == null) {
            request.refusal = WsaError.WSAEINVAL;
        }
        return request;
    }

    private WsaError add(HandleTable handles, Set<Long> handlesAsked, Map<WspSocket, List<Long>> into) {
        for (Long h : handlesAsked) {
            HandleTable.Entry e = h == null ? null : handles.lookup(h);
            if (e == null || e.socket().isClosing()) {
                return WsaError.WSAENOTSOCK;
            }
            OpenSocket o = e.socket();
            if (first == null) {
                first = o;
            } else if (first.dispatcher() != o.dispatcher()) {
                return WsaError.WSAEINVAL;
            }
            into.computeIfAbsent(o.socket(), k -> new ArrayList<>(1)).add(h);
        }
        return null;
    }

    private static Set<Long> orEmpty(Set<Long> set) {
        return set == null ? Set.of() : set;
    }

    /** Why the call cannot go to the provider, or {@code null}. */
    WsaError refusal() {
        return refusal;
    }

    /** The provider every handle belongs to; only when there is no {@link #refusal}. */
    WspProvider provider() {
        return first.dispatcher();
    }

    String providerName() {
        return first.providerName();
    }

    /** The provider's fd_sets: each socket once per set, however many of its handles the caller gave. */
    SelectSets sets() {
        return new SelectSets(List.copyOf(bySet.get(0).keySet()), List.copyOf(bySet.get(1).keySet()),
                List.copyOf(bySet.get(2).keySet()));
    }

    /** The provider's answer in the caller's handles; a socket that was not asked for is ignored. */
    Ready answer(SelectSets ready) {
        return new Ready(handlesOf(ready.read(), bySet.get(0)), handlesOf(ready.write(), bySet.get(1)),
                handlesOf(ready.except(), bySet.get(2)));
    }

    private static Set<Long> handlesOf(List<WspSocket> ready, Map<WspSocket, List<Long>> asked) {
        Set<Long> out = new LinkedHashSet<>();
        for (WspSocket ws : ready) {
            List<Long> hs = asked.get(ws);
            if (hs != null) {
                out.addAll(hs);
            }
        }
        return Set.copyOf(out);
    }

    /** WSPSelect's time-out: -1 waits forever ({@code null}, or longer than a long of nanoseconds holds). */
    static long timeoutNanos(Duration timeout) {
        if (timeout == null) {
            return -1;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}

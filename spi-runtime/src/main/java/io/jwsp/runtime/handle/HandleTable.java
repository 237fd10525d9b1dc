package io.jwsp.runtime.handle;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The runtime's socket handles. A handle is {@code generation << 32 | slot}: the slot indexes a table that is
 * read without locks, and the generation, bumped each time a slot is reused, makes every stale or invented value
 * miss. Handles are therefore never 0, never negative and never INVALID_SOCKET. Issuing and releasing take a
 * lock; looking up does not.
 *
 * <p>Each table starts its slots' generations at its own random base, so a handle of one runtime is not a valid
 * handle of another (which would otherwise issue the same first values): it answers WSAENOTSOCK there too.
 */
public final class HandleTable {
    private static final int INITIAL_SLOTS = 64;

    /** A live handle and the socket it names. */
    public record Entry(long handle, OpenSocket socket) {
    }

    private final Object allocation = new Object();
    /**
     * Where this table's generations start: at least 2^20, so small invented values never name a socket, and below
     * 2^30, so 2^30 reuses of a slot fit before a wrap.
     */
    private final int generationBase = ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30);
    private volatile AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(INITIAL_SLOTS);
    // guarded by allocation
    private int[] generations = filled(new int[INITIAL_SLOTS], 0);
    private int[] free = new int[INITIAL_SLOTS];
    private int freeCount;
    private int used;
    private int open;

    /** The entry for {@code handle}, or {@code null} when this table never issued it or it has been released. */
    public Entry lookup(long handle) {
        int slot = (int) handle;
        AtomicReferenceArray<Entry> s = slots;
        if (slot < 0 || slot >= s.length()) {
            return null;
        }
        Entry e = s.get(slot);
        return e != null && e.handle == handle ? e : null;
    }

    /** Issues the first handle of a new socket. */
    public long register(OpenSocket socket) {
        synchronized (socket) {
            socket.share();
            return issue(socket);
        }
    }

    /**
     * Issues one more handle to the socket {@code handle} names; WSAENOTSOCK when it names none, or when the close of
     * its last handle is under way (at once: the close may linger).
     */
    public WspResult<Long> duplicate(long handle) {
        Entry e = lookup(handle);
        return e == null ? WspResult.fail(WsaError.WSAENOTSOCK) : duplicate(handle, e.socket());
    }

    /** {@link #duplicate(long)} for a caller that has already resolved {@code handle} to {@code socket}. */
    public WspResult<Long> duplicate(long handle, OpenSocket socket) {
        if (socket.isClosing()) {
            return WspResult.fail(WsaError.WSAENOTSOCK);
        }
        synchronized (socket) {
            Entry e = lookup(handle);
            if (socket.isClosed() || e == null || e.socket() != socket) {
                return WspResult.fail(WsaError.WSAENOTSOCK);
            }
            socket.share();
            return WspResult.ok(issue(socket));
        }
    }

    /**
     * closesocket's handle half. A handle that is not the socket's last is released alone and nothing else
     * happens. For the last one {@code closer} runs (the provider's close); only when it succeeds is the handle
     * released. On any failure, WSAEWOULDBLOCK included, the handle stays valid and the count is untouched, so a
     * retry behaves like a first call.
     */
    public WspResult<Void> close(long handle, Function<WspSocket, WspResult<Void>> closer) {
        Entry e = lookup(handle);
        return e == null ? WspResult.fail(WsaError.WSAENOTSOCK) : close(handle, e.socket(), closer);
    }

    /**
     * {@link #close(long, Function)} for a caller that has already resolved {@code handle} to {@code socket}: the
     * handle is checked again only under the socket's monitor, where it cannot change, so a close that raced ahead
     * of this one makes it answer WSAENOTSOCK.
     */
    public WspResult<Void> close(long handle, OpenSocket socket, Function<WspSocket, WspResult<Void>> closer) {
        synchronized (socket) {
            Entry e = lookup(handle);
            if (e == null || e.socket() != socket) {
                return WspResult.fail(WsaError.WSAENOTSOCK); // another thread closed it while we waited
            }
            if (socket.shares() > 1) {
                socket.unshare();
                release(e);
                return WspResult.ok();
            }
            socket.closing(true);
            WspResult<Void> r = null;
            try {
                r = closer.apply(socket.socket());
            } finally {
                boolean closed = r != null && r.isOk();
                socket.closing(closed);
                if (closed) {
                    socket.unshare();
                    socket.markClosed();
                    release(e);
                }
            }
            return r;
        }
    }

    /**
     * Drops a handle whatever its socket's state: only for a runtime that is shutting down after the provider's
     * close failed twice.
     */
    public void forget(Entry e) {
        OpenSocket s = e.socket();
        synchronized (s) {
            if (lookup(e.handle()) == e) {
                s.unshare();
                if (s.shares() <= 0) {
                    s.markClosed();
                }
                release(e);
            }
        }
    }

    /** How many handles are live. */
    public int openHandles() {
        synchronized (allocation) {
            return open;
        }
    }

    /** A snapshot of the live entries. */
    public List<Entry> entries() {
        AtomicReferenceArray<Entry> s = slots;
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            Entry e = s.get(i);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private int[] filled(int[] gens, int from) {
        Arrays.fill(gens, from, gens.length, generationBase);
        return gens;
    }

    private long issue(OpenSocket socket) {
        synchronized (allocation) {
            int slot;
            if (freeCount > 0) {
                slot = free[--freeCount];
            } else {
                if (used == generations.length) {
                    grow();
                }
                slot = used++;
            }
            int gen = ++generations[slot];
            if (gen <= 0) { // wrapped after 2^31 reuses: skip 0 and negative generations
                gen = generations[slot] = 1;
            }
            long handle = (long) gen << 32 | slot;
            slots.set(slot, new Entry(handle, socket));
            open++;
            return handle;
        }
    }

    private void release(Entry e) {
        synchronized (allocation) {
            int slot = (int) e.handle();
            if (slots.compareAndSet(slot, e, null)) {
                free[freeCount++] = slot;
                open--;
            }
        }
    }

    private void grow() {
        int n = generations.length * 2;
        AtomicReferenceArray<Entry> old = slots;
        AtomicReferenceArray<Entry> bigger = new AtomicReferenceArray<>(n);
        for (int i = 0; i < old.length(); i++) {
            bigger.set(i, old.get(i));
        }
        generations = filled(Arrays.copyOf(generations, n), generations.length);
        free = Arrays.copyOf(free, n);
        slots = bigger;
    }
}

package io.jwsp.provider.loopback.stream;

import io.jwsp.provider.loopback.core.Buffers;
import java.nio.ByteBuffer;

/**
 * One direction of a connection: the bytes the writer has handed to the stack and the reader has not taken yet.
 * The first SO_RCVBUF bytes count as the reader's receive buffer, the rest as data still queued at the sender,
 * so one copy in and one copy out serve both. The array is allocated on the first write and grows by doubling up
 * to what the two buffer sizes allow; an idle connection that only ever carried small messages holds none.
 *
 * <p>A large copy may run outside the connection's lock through a {@link Slot}: {@link #reserveWrite} hands the
 * writer the free region after the data, {@link #reserveRead} the reader the region at its start, and the commit
 * (lock held again) publishes the bytes or frees the room. The two regions never overlap, so the writer's and the
 * reader's copies run at the same time. While a slot is out no other write (or read) may touch the ring, which
 * {@link #writing()} and {@link #reading()} tell. A {@link #clear} in between makes the commit a no-op: the bytes
 * were sent (or read) before the reset that discarded the rest. Every method but the slot's copies needs the lock.
 */
final class ByteRing {
    private static final byte[] NONE = new byte[0];
    /**
     * The first array is small, and a ring drained while its array is this small drops it: a connection that
     * exchanged a few bytes and went idle holds no array (a million of them held 8 GiB at 4 KiB each). A bulk
     * writer's first write allocates what it needs at once, doubling takes a small writer to its full size in a few
     * steps, and an array grown past this size stays.
     */
    private static final int FIRST_CAPACITY = 64;

    private byte[] buf = NONE;
    private int head;
    private int size;
    /** Counts clears, so a commit can tell that its slot belongs to discarded data. */
    private int epoch;
    private boolean writing;
    private boolean reading;

    /**
     * Tests only: runs on the copying thread, lock released, just before a copy outside the lock (a slot's, or a send's
     * straight into a waiting receive), to stop it there.
     */
    static volatile Runnable beforeSlotCopy;

    /** A region of the ring handed to one copy outside the lock. */
    record Slot(byte[] array, int start, int length, int epoch) {
        /** Copies {@code length} bytes from {@code sources} into the slot, moving their positions. */
        void fill(ByteBuffer[] sources) {
            pauseForTests();
            copyIn(array, start, sources, length);
        }

        /** Copies the slot's bytes into {@code targets}, moving their positions. */
        void drain(ByteBuffer[] targets) {
            pauseForTests();
            copyOut(array, start, targets, length);
        }

    }

    /** Runs the tests' hook, if any, before a copy outside the lock. */
    static void pauseForTests() {
        Runnable hook = beforeSlotCopy;
        if (hook != null) {
            hook.run();
        }
    }

    int size() {
        return size;
    }

    /** The array's length now (for tests). */
    int capacity() {
        return buf.length;
    }

    boolean writing() {
        return writing;
    }

    boolean reading() {
        return reading;
    }

    /** Copies up to {@code max} bytes from {@code sources}, moving their positions; answers the bytes taken. */
    int write(ByteBuffer[] sources, int max) {
        int n = Math.min(max, Buffers.remaining(sources));
        if (n <= 0) {
            return 0;
        }
        rewindIfEmpty();
        ensureCapacity(size + n);
        copyIn(buf, (head + size) % buf.length, sources, n);
        size += n;
        return n;
    }

    /** Copies up to {@code max} bytes into {@code targets}; consumes them unless {@code peek}. */
    int read(ByteBuffer[] targets, int max, boolean peek) {
        int n = Math.min(Math.min(max, size), Buffers.remaining(targets));
        if (n <= 0) {
            return 0;
        }
        copyOut(buf, head, targets, n);
        if (!peek) {
            consume(n);
        }
        return n;
    }

    /** Reserves room for {@code n} &gt; 0 bytes after the data for one writer. */
    Slot reserveWrite(int n) {
        rewindIfEmpty();
        ensureCapacity(size + n);
        writing = true;
        return new Slot(buf, (head + size) % buf.length, n, epoch);
    }

    /** Publishes a filled slot, or gives it up when {@code keep} is false. */
    void commitWrite(Slot slot, boolean keep) {
        writing = false;
        if (keep && slot.epoch() == epoch) {
            size += slot.length();
        }
    }

    /** Reserves the first {@code n} bytes (at most {@link #size}) for one reader. */
    Slot reserveRead(int n) {
        reading = true;
        return new Slot(buf, head, Math.min(n, size), epoch);
    }

    /** Consumes a drained slot's bytes, or leaves them when {@code consume} is false. */
    void commitRead(Slot slot, boolean consume) {
        reading = false;
        if (consume && slot.epoch() == epoch) {
            consume(slot.length());
        }
    }

    /** Drops every byte and the array (a reset, or a close that discards unread data). */
    void clear() {
        epoch++;
        buf = NONE;
        head = 0;
        size = 0;
    }

    /**
     * An empty ring starts again at its beginning, so a reader that keeps up makes the writer reuse the few cache
     * lines it has just read rather than walk the whole array. (A read slot out means data, so the ring is not empty.)
     */
    private void rewindIfEmpty() {
        if (size == 0) {
            head = 0;
        }
    }

    private void consume(int n) {
        size -= n;
        // Rewinding an empty ring keeps the next write in one piece, unless a writer holds a slot at the old tail.
        head = size == 0 && !writing || buf.length == 0 ? 0 : (head + n) % buf.length;
        if (size == 0 && !writing && buf.length <= FIRST_CAPACITY) {
            buf = NONE; // drained and small: an idle connection holds no array; a big one stays for the bulk writer
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= buf.length) {
            return;
        }
        int cap = Math.max(needed, Math.max(FIRST_CAPACITY, buf.length << 1));
        if (cap < 0) {
            cap = needed;
        }
        byte[] next = new byte[cap];
        int first = Math.min(size, buf.length - head);
        System.arraycopy(buf, head, next, 0, first);
        System.arraycopy(buf, 0, next, first, size - first);
        buf = next;
        head = 0;
    }

    /** Copies {@code n} bytes from {@code sources} into the ring array from {@code at}, wrapping at its end. */
    private static void copyIn(byte[] array, int at, ByteBuffer[] sources, int n) {
        for (int i = 0; n > 0; i++) {
            ByteBuffer src = sources[i];
            int k = Math.min(src.remaining(), n);
            int first = Math.min(k, array.length - at);
            src.get(array, at, first);
            if (first < k) {
                src.get(array, 0, k - first);
            }
            at = (at + k) % array.length;
            n -= k;
        }
    }

    /** Copies {@code n} bytes of the ring array from {@code at} into {@code targets}, wrapping at its end. */
    private static void copyOut(byte[] array, int at, ByteBuffer[] targets, int n) {
        for (int i = 0; n > 0; i++) {
            ByteBuffer dst = targets[i];
            int k = Math.min(dst.remaining(), n);
            int first = Math.min(k, array.length - at);
            dst.put(array, at, first);
            if (first < k) {
                dst.put(array, 0, k - first);
            }
            at = (at + k) % array.length;
            n -= k;
        }
    }
}

package io.jwsp.provider.loopback.stream;

import java.nio.ByteBuffer;

/**
 * One direction of a connection: the bytes the writer has handed to the stack and the reader has not taken yet.
 * The first SO_RCVBUF bytes count as the reader's receive buffer, the rest as data still queued at the sender,
 * so one copy in and one copy out serve both. The array is allocated on the first write and grows by doubling up
 * to what the two buffer sizes allow; an idle connection holds none.
 */
final class ByteRing {
    private static final byte[] NONE = new byte[0];
    private static final int FIRST_CAPACITY = 4096;

    private byte[] buf = NONE;
    private int head;
    private int size;

    int size() {
        return size;
    }

    /** Copies up to {@code max} bytes from {@code sources}, moving their positions; answers the bytes taken. */
    int write(ByteBuffer[] sources, int max) {
        if (max <= 0) {
            return 0;
        }
        int taken = 0;
        for (ByteBuffer src : sources) {
            int n = Math.min(src.remaining(), max - taken);
            if (n == 0) {
                if (taken == max) {
                    break;
                }
                continue;
            }
            ensureCapacity(size + n);
            int tail = (head + size) % buf.length;
            int first = Math.min(n, buf.length - tail);
            src.get(buf, tail, first);
            if (first < n) {
                src.get(buf, 0, n - first);
            }
            size += n;
            taken += n;
        }
        return taken;
    }

    /** Copies up to {@code max} bytes into {@code targets}; consumes them unless {@code peek}. */
    int read(ByteBuffer[] targets, int max, boolean peek) {
        int limit = Math.min(max, size);
        int copied = 0;
        int at = head;
        for (ByteBuffer dst : targets) {
            int n = Math.min(dst.remaining(), limit - copied);
            if (n == 0) {
                if (copied == limit) {
                    break;
                }
                continue;
            }
            int first = Math.min(n, buf.length - at);
            dst.put(buf, at, first);
            if (first < n) {
                dst.put(buf, 0, n - first);
            }
            at = (at + n) % buf.length;
            copied += n;
        }
        if (!peek) {
            head = size == copied ? 0 : at;
            size -= copied;
        }
        return copied;
    }

    /** Drops every byte and the array (a reset, or a close that discards unread data). */
    void clear() {
        buf = NONE;
        head = 0;
        size = 0;
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
}

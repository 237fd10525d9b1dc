package io.jwsp.provider.loopback.core;

import java.nio.ByteBuffer;

/** Checks on the caller's WSABUF array: a {@code null} array or element is WSAEFAULT, as is a read-only target. */
public final class Buffers {
    private Buffers() {
    }

    /** Whether {@code buffers} can be sent from. */
    public static boolean readable(ByteBuffer[] buffers) {
        if (buffers == null) {
            return false;
        }
        for (ByteBuffer b : buffers) {
            if (b == null) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code buffers} can be received into. */
    public static boolean writable(ByteBuffer[] buffers) {
        if (buffers == null) {
            return false;
        }
        for (ByteBuffer b : buffers) {
            if (b == null || b.isReadOnly()) {
                return false;
            }
        }
        return true;
    }

    /** Bytes left in {@code buffers}, capped at {@code Integer.MAX_VALUE}. */
    public static int remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** Copies all of {@code buffers}' remaining bytes into a new array, moving their positions. */
    public static byte[] gather(ByteBuffer[] buffers, int total) {
        byte[] out = new byte[total];
        int off = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(out, off, n);
            off += n;
        }
        return out;
    }

    /** Scatters {@code data[0..len)} into {@code buffers}; answers the bytes written. */
    public static int scatter(byte[] data, int len, ByteBuffer[] buffers) {
        int off = 0;
        for (ByteBuffer b : buffers) {
            if (off == len) {
                break;
            }
            int n = Math.min(b.remaining(), len - off);
            b.put(data, off, n);
            off += n;
        }
        return off;
    }

    /**
     * Copies {@code n} bytes (at most what both hold) from {@code sources} into {@code targets}, moving both arrays'
     * positions: a send's bytes straight into a waiting receive's buffers. Answers the bytes copied.
     */
    public static int copy(ByteBuffer[] sources, ByteBuffer[] targets, int n) {
        int copied = copyFrom(sources, 0, targets, n);
        skip(sources, copied);
        return copied;
    }

    /**
     * Copies {@code n} bytes (at most what both hold) into {@code targets}, moving their positions, from
     * {@code sources} starting {@code skip} bytes past their positions, which stay where they are: a receive taking
     * from a waiting send's buffers without writing to them, so that they stay in the sender's cache. Answers the
     * bytes copied.
     */
    public static int copyFrom(ByteBuffer[] sources, int skip, ByteBuffer[] targets, int n) {
        int i = 0;
        while (i < sources.length && skip >= sources[i].remaining()) {
            skip -= sources[i].remaining();
            i++;
        }
        int at = skip; // offset into sources[i] past its position
        int left = n;
        int j = 0;
        while (left > 0 && i < sources.length && j < targets.length) {
            ByteBuffer src = sources[i];
            ByteBuffer dst = targets[j];
            int k = Math.min(left, Math.min(src.remaining() - at, dst.remaining()));
            if (k > 0) {
                dst.put(dst.position(), src, src.position() + at, k);
                dst.position(dst.position() + k);
                at += k;
                left -= k;
            }
            if (at == src.remaining()) {
                i++;
                at = 0;
            }
            if (!dst.hasRemaining()) {
                j++;
            }
        }
        return n - left;
    }

    /**
     * Copies up to {@code n} bytes of {@code sources} (moving them) into {@code array} from {@code offset}: a send
     * filling a waiting receive's one heap buffer without touching the buffer's object. Answers the bytes copied.
     */
    public static int gather(ByteBuffer[] sources, byte[] array, int offset, int n) {
        int left = n;
        for (int i = 0; i < sources.length && left > 0; i++) {
            int k = Math.min(left, sources[i].remaining());
            sources[i].get(array, offset, k);
            offset += k;
            left -= k;
        }
        return n - left;
    }

    /** Moves {@code buffers}' positions past {@code n} of their bytes (at most what they hold). */
    public static void skip(ByteBuffer[] buffers, int n) {
        for (int i = 0; i < buffers.length && n > 0; i++) {
            int k = Math.min(n, buffers[i].remaining());
            buffers[i].position(buffers[i].position() + k);
            n -= k;
        }
    }

    /** The positions of {@code buffers}, for {@link #restore} when a copy must be undone. */
    public static int[] positions(ByteBuffer[] buffers) {
        int[] at = new int[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            at[i] = buffers[i].position();
        }
        return at;
    }

    public static void restore(ByteBuffer[] buffers, int[] positions) {
        for (int i = 0; i < buffers.length; i++) {
            buffers[i].position(positions[i]);
        }
    }
}

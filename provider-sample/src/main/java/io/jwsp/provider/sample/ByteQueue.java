package io.jwsp.provider.sample;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One direction of a connection, kept at the receiving socket: the bytes it has not read yet, then how the stream
 * ends. The bound is the sender's business ({@link SampleSocket} never writes beyond SO_SNDBUF + SO_RCVBUF), so
 * "queued data" for the close table is simply {@code !isEmpty()}. Not thread-safe: the provider's lock guards it.
 */
final class ByteQueue {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private int size;
    private boolean finished;
    private boolean reset;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The sender shut down or closed gracefully: after the queued bytes, recv answers 0. */
    boolean finished() {
        return finished;
    }

    /** The sender closed abortively: the queued bytes are gone and recv fails WSAECONNRESET. */
    boolean isReset() {
        return reset;
    }

    /** Whether recv answers at once here: bytes to read, the end of the stream, or a reset. */
    boolean readable() {
        return size > 0 || finished || reset;
    }

    /** Copies up to {@code max} bytes from {@code from} (moving their positions); answers the count. */
    int write(ByteBuffer[] from, int max) {
        int total = 0;
        for (ByteBuffer b : from) {
            int n = Math.min(b.remaining(), max - total);
            if (n > 0) {
                byte[] chunk = new byte[n];
                b.get(chunk);
                chunks.addLast(chunk);
                total += n;
            }
        }
        size += total;
        return total;
    }

    /** Moves queued bytes into {@code into}, filling each buffer in turn; answers the count. */
    int read(ByteBuffer[] into) {
        int total = 0;
        for (ByteBuffer b : into) {
            while (b.hasRemaining() && !chunks.isEmpty()) {
                byte[] head = chunks.peekFirst();
                int n = Math.min(b.remaining(), head.length - headOffset);
                b.put(head, headOffset, n);
                headOffset += n;
                total += n;
                if (headOffset == head.length) {
                    chunks.removeFirst();
                    headOffset = 0;
                }
            }
        }
        size -= total;
        return total;
    }

    void finish() {
        finished = true;
    }

    /** A hard close: unsent data lost (closesocket, linger(1,0)). */
    void reset() {
        chunks.clear();
        headOffset = 0;
        size = 0;
        reset = true;
    }

    /** The receiver closed: nothing it has not read will ever be read. */
    void discard() {
        chunks.clear();
        headOffset = 0;
        size = 0;
    }
}

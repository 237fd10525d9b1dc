package io.jwsp.provider.tcp;

import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * The receive side of one connection above the kernel's: bytes taken from the kernel but not yet given to the
 * application (the stash, for MSG_PEEK and for the event path's look at a readable socket with nothing counted), and
 * whether the end (a FIN, read as end of stream) or a reset was seen. Guarded by the socket's lock.
 */
final class ReceiveBuffer {
    private static final int STASH_SIZE = 64 * 1024;

    private ByteBuffer stash;
    private boolean eof;
    private boolean reset;

    /** Nothing stashed and no end seen: a direct read of the kernel gives the application what it should see. */
    boolean isQuiet() {
        return stash == null && !eof && !reset;
    }

    boolean hasData() {
        return stash != null && stash.hasRemaining();
    }

    int stashed() {
        return stash == null ? 0 : stash.remaining();
    }

    /** The peer's end or a reset was seen. */
    boolean ended() {
        return eof || reset;
    }

    boolean isReset() {
        return reset;
    }

    void markEof() {
        eof = true;
    }

    void markReset() {
        reset = true;
    }

    /** FIONREAD: stashed bytes and what the kernel holds. */
    int available(InputStream kernel) {
        int n = stashed();
        if (kernel != null && !ended()) {
            try {
                n += kernel.available();
            } catch (IOException e) {
                // counted as nothing more
            }
        }
        return n;
    }

    /**
     * One nonblocking receive: bytes (0 at the end of the stream), an error, or {@code null} for would-block.
     * {@code failed} turns an I/O error into its WsaError (and records it).
     */
    WspResult<Integer> tryRecv(SocketChannel ch, ByteBuffer[] buffers, int flags, Function<IOException, WsaError> failed,
                               boolean closing) {
        if ((flags & MsgFlags.MSG_PEEK) != 0) {
            fill(ch, (int) Math.min(Integer.MAX_VALUE, remaining(buffers)), failed);
            if (hasData()) {
                return WspResult.ok(copy(buffers, false));
            }
            return reset ? WspResult.fail(WsaError.WSAECONNRESET) : eof ? WspResult.ok(0) : null;
        }
        int fromStash = 0;
        if (stash != null) {
            fromStash = copy(buffers, true);
            if (!hasRemaining(buffers)) {
                return WspResult.ok(fromStash);
            }
        }
        if (reset) {
            return fromStash > 0 ? WspResult.ok(fromStash) : WspResult.fail(WsaError.WSAECONNRESET);
        }
        if (eof) {
            return WspResult.ok(fromStash);
        }
        try {
            long n = buffers.length == 1 ? ch.read(buffers[0]) : ch.read(buffers);
            if (n < 0) {
                eof = true;
                return WspResult.ok(fromStash);
            }
            if (n == 0 && fromStash == 0) {
                return null;
            }
            return WspResult.ok(fromStash + (int) n);
        } catch (ClosedChannelException e) {
            return WspResult.fail(closing ? WsaError.WSAEINTR : WsaError.WSAENOTSOCK);
        } catch (IOException e) {
            WsaError err = failed.apply(e);
            return fromStash > 0 ? WspResult.ok(fromStash) : WspResult.fail(err);
        }
    }

    /**
     * The event path: whether data waits (stashed, or counted by the kernel); a readable socket with
     * nothing counted is read once, which shows the end or a reset.
     */
    boolean lookAhead(SocketChannel ch, InputStream kernel, Function<IOException, WsaError> failed) {
        if (available(kernel) > 0) {
            return true;
        }
        fill(ch, 1, failed);
        return hasData();
    }

    /** Reads without blocking until the stash holds {@code want} bytes or the kernel has no more now. */
    private void fill(SocketChannel ch, int want, Function<IOException, WsaError> failed) {
        if (ended()) {
            return;
        }
        if (stash == null) {
            stash = ByteBuffer.allocate(Math.max(STASH_SIZE, want)).flip();
        }
        if (stash.remaining() >= want) {
            return;
        }
        stash.compact();
        if (stash.capacity() < want) {
            ByteBuffer bigger = ByteBuffer.allocate(want);
            stash.flip();
            bigger.put(stash);
            stash = bigger;
        }
        try {
            if (ch.read(stash) < 0) {
                eof = true;
            }
        } catch (IOException e) {
            failed.apply(e);
        } finally {
            stash.flip();
        }
        if (!stash.hasRemaining()) {
            stash = null;
        }
    }

    private int copy(ByteBuffer[] buffers, boolean consume) {
        ByteBuffer src = consume ? stash : stash.duplicate();
        int n = 0;
        for (ByteBuffer b : buffers) {
            int k = Math.min(b.remaining(), src.remaining());
            if (k > 0) {
                b.put(src.slice(src.position(), k));
                src.position(src.position() + k);
                n += k;
            }
        }
        if (consume && !stash.hasRemaining()) {
            stash = null;
        }
        return n;
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }
}

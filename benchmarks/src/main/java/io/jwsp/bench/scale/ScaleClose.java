package io.jwsp.bench.scale;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadFactory;

/**
 * The rows of the close/linger table (DESIGN.md) a scale connection ends with, named as {@code jwsp close-matrix}
 * names them; connection {@code i} takes row {@code i % 7}. The client closes as the row says, then the server
 * reads what the row promises the peer (the end of the stream, its bytes first, or WSAECONNRESET) and closes
 * gracefully. Each row answers {@code null} when every call answered as the table says, else what differed.
 */
public enum ScaleClose {
    /** l_onoff = 0: returns 0 at once, graceful in the background; the peer reads the end of the stream. */
    DEFAULT("default", true) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            return first(expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, null));
        }
    },
    /** linger(1,0): returns 0 at once, abortive; the peer's recv answers WSAECONNRESET. */
    LINGER_ZERO("linger0", false) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            return first(expectOk("SO_LINGER", ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, 0))),
                    expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, WsaError.WSAECONNRESET));
        }
    },
    /**
     * linger(1,N), blocking, data queued, the peer reads while close waits: close returns 0 once the peer has the
     * data (graceful). The peer starts reading only once the close is under way, so the wait is real.
     */
    LINGER_READ("linger-read", true) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            String queued = queue(ws, client, server);
            if (queued != null) {
                return queued;
            }
            String set = expectOk("SO_LINGER", ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, 30)));
            if (set != null) {
                return set;
            }
            String[] peer = new String[1];
            long[] readerNanos = new long[2]; // when the reader saw the close begin, when its reads ended
            long start = System.nanoTime();
            Thread reader = readers.newThread(() -> {
                peer[0] = awaitClosing(ws, client);
                readerNanos[0] = System.nanoTime() - start;
                if (peer[0] == null) {
                    peer[0] = peerSees(ws, server, PAYLOAD, null);
                }
                readerNanos[1] = System.nanoTime() - start;
            });
            reader.start();
            String closed = expectOk("close", ws.closeSocket(client));
            long closeNanos = System.nanoTime() - start;
            try {
                reader.join(); // bounded: the reader's own waits have deadlines or end with the close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            String m = first(closed, peer[0]);
            return m == null ? null : m + " (linger 30 s; the reader saw the close begin after "
                    + millis(readerNanos[0]) + " ms and ended after " + millis(readerNanos[1])
                    + " ms; the close returned after " + millis(closeNanos) + " ms)";
        }
    },
    /**
     * linger(1,1), blocking, data queued, the peer does not read: close returns 0 after the one-second time-out,
     * abortive; the peer's recv answers WSAECONNRESET.
     */
    LINGER_STALL("linger-stall", false) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            return first(queue(ws, client, server),
                    expectOk("SO_LINGER", ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, 1))),
                    expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, WsaError.WSAECONNRESET));
        }
    },
    /**
     * linger(1,N) on a nonblocking socket with data queued: WSAEWOULDBLOCK, the handle stays valid; then
     * SO_DONTLINGER and close again: 0, graceful in the background; the peer reads the data, then the end.
     */
    NONBLOCKING("nonblocking", true) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            String r = first(queue(ws, client, server),
                    expectOk("SO_LINGER", ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, 30))),
                    expectOk("FIONBIO", ws.ioctl(client, IoControls.FIONBIO, true)));
            if (r != null) {
                return r;
            }
            WspResult<Void> refused = ws.closeSocket(client);
            if (refused.error() != WsaError.WSAEWOULDBLOCK) {
                return "nonblocking linger close answered " + answer(refused) + ", not WSAEWOULDBLOCK";
            }
            return first(expectOk("handle after WSAEWOULDBLOCK", ws.getSockOpt(client, SocketOptions.SO_TYPE)),
                    expectOk("SO_DONTLINGER", ws.setSockOpt(client, SocketOptions.SO_DONTLINGER, true)),
                    expectOk("close again", ws.closeSocket(client)), peerSees(ws, server, PAYLOAD, null));
        }
    },
    /** shutdown(SD_SEND), then close: both 0; the peer reads the end of the stream. */
    SHUTDOWN("shutdown", true) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            return first(expectOk("shutdown", ws.shutdown(client, ShutdownHow.SD_SEND)),
                    expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, null));
        }
    },
    /** send, close at once with the data in flight: 0; the peer reads every byte, then the end. */
    SEND_CLOSE("send-close", true) {
        @Override
        String close(Winsock ws, long client, long server, ThreadFactory readers) {
            WspResult<Integer> sent = ws.send(client, ByteBuffer.allocate(PAYLOAD), 0);
            if (!sent.isOk() || sent.value() != PAYLOAD) {
                return "send before close answered " + answer(sent);
            }
            return first(expectOk("close", ws.closeSocket(client)), peerSees(ws, server, PAYLOAD, null));
        }
    };

    /** The bytes each connection echoes, and the data a close row leaves queued. */
    public static final int PAYLOAD = 32;
    /** How long a peer waits for the closing side's close to get under way. */
    private static final long CLOSING_DEADLINE_NANOS = 60_000_000_000L;

    private final String id;
    private final boolean graceful;

    ScaleClose(String id, boolean graceful) {
        this.id = id;
        this.graceful = graceful;
    }

    /** Whether the client's close is graceful, so it is the active closer that enters TIME_WAIT. */
    public boolean graceful() {
        return graceful;
    }

    /** The close-matrix id of the row. */
    public String id() {
        return id;
    }

    /** The row connection {@code i} ends with. */
    public static ScaleClose of(int i) {
        return values()[i % values().length];
    }

    /**
     * Closes {@code client} as this row says, then {@code server} after it has seen what the row promises it.
     * {@code readers} makes the thread a peer reads on while a close lingers.
     */
    abstract String close(Winsock ws, long client, long server, ThreadFactory readers);

    /**
     * Runs the row and closes the server; {@code null} when everything answered as the table says, else the first
     * answer that was not (what was expected, what came) and how long the row took on the real clock.
     */
    public String run(Winsock ws, long client, long server, ThreadFactory readers) {
        long start = System.nanoTime();
        String r = close(ws, client, server, readers);
        WspResult<Void> stale = ws.closeSocket(client);
        String m = first(r, stale.error() == WsaError.WSAENOTSOCK ? null
                        : "a closed handle answered " + answer(stale) + ", not WSAENOTSOCK",
                expectOk("server close", ws.closeSocket(server)));
        return m == null ? null : m + "; the row took " + millis(System.nanoTime() - start) + " ms";
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * Leaves {@link #PAYLOAD} bytes queued at the client: the server's receive buffer shrinks to one byte, so all but
     * one byte of a send stay at the sender (the data a linger waits for).
     */
    private static String queue(Winsock ws, long client, long server) {
        String shrunk = expectOk("SO_RCVBUF", ws.setSockOpt(server, SocketOptions.SO_RCVBUF, 0));
        if (shrunk != null) {
            return shrunk;
        }
        WspResult<Integer> sent = ws.send(client, ByteBuffer.allocate(PAYLOAD), 0);
        return sent.isOk() && sent.value() == PAYLOAD ? null : "queueing send answered " + answer(sent);
    }

    /** Waits until the client's handle answers WSAENOTSOCK: its close has begun. */
    private static String awaitClosing(Winsock ws, long client) {
        long deadline = System.nanoTime() + CLOSING_DEADLINE_NANOS;
        while (ws.getSockOpt(client, SocketOptions.SO_TYPE).isOk()) {
            if (System.nanoTime() - deadline > 0) {
                return "the lingering close did not begin within a minute";
            }
            Thread.yield();
        }
        return null;
    }

    /**
     * The server (its receive buffer back to the default when there is data) reads {@code bytes} and then expects the end of the stream, or
     * {@code error} (bytes 0) at its first recv.
     */
    private static String peerSees(Winsock ws, long server, int bytes, WsaError error) {
        if (bytes > 0) { // data to read: one recv takes it all, not a byte at a time
            String restored = expectOk("SO_RCVBUF", ws.setSockOpt(server, SocketOptions.SO_RCVBUF, 65536));
            if (restored != null) {
                return restored;
            }
        }
        ByteBuffer in = ByteBuffer.allocate(PAYLOAD * 2);
        while (true) {
            WspResult<Integer> r = ws.recv(server, in, 0);
            if (!r.isOk()) {
                return r.error() == error && in.position() == bytes ? null
                        : "peer recv answered " + answer(r) + " after " + in.position() + " bytes; expected "
                        + (error == null ? "the end after " + bytes : error.name());
            }
            if (r.value() == 0) {
                return error == null && in.position() == bytes ? null
                        : "peer saw the end after " + in.position() + " bytes; expected "
                        + (error == null ? bytes + " bytes" : error.name());
            }
            if (in.position() > bytes) {
                return "peer read " + in.position() + " bytes; expected " + bytes;
            }
        }
    }

    private static String expectOk(String what, WspResult<?> r) {
        return r.isOk() ? null : what + " answered " + answer(r);
    }

    private static String answer(WspResult<?> r) {
        return r.isOk() ? "ok " + r.value() : r.isPending() ? "pending" : r.error().name();
    }

    private static String first(String... mismatches) {
        for (String m : mismatches) {
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}

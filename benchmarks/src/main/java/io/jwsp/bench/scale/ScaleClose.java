package io.jwsp.bench.scale;

import io.jwsp.runtime.Winsock;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The rows of the close/linger table (DESIGN.md) a scale connection ends with, named as {@code jwsp close-matrix}
 * names them; connection {@code i} takes row {@code i % 7}. The client closes as the row says, then the server
 * reads what the row promises the peer (the end of the stream, its bytes first, or WSAECONNRESET) and closes
 * gracefully. Each row answers how it ended ({@link CloseEnding}): what differed from the table, if anything.
 */
public enum ScaleClose {
    /** l_onoff = 0: returns 0 at once, graceful in the background; the peer reads the end of the stream. */
    DEFAULT("default", true) {
        @Override
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            return ended(expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, null));
        }
    },
    /** linger(1,0): returns 0 at once, abortive; the peer's recv answers WSAECONNRESET. */
    LINGER_ZERO("linger0", false) {
        @Override
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            return ended(expectOk("SO_LINGER", ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, 0))),
                    expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, WsaError.WSAECONNRESET));
        }
    },
    /**
     * linger(1,N), blocking, data queued, the peer reads while close waits: close returns 0 once the peer has the
     * data (graceful). The peer starts reading only once the close is under way, so the wait is real; a peer that
     * got to read only after the N seconds may find the time-out expired first, which the table allows
     * ({@link #lingerReadEnding}).
     */
    LINGER_READ("linger-read", true) {
        @Override
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            String r = first(queue(ws, client, server), expectOk("SO_LINGER",
                    ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, LINGER_READ_SECONDS))));
            if (r != null) {
                return CloseEnding.of(r);
            }
            PeerRead[] peer = new PeerRead[1];
            long[] restored = {Long.MAX_VALUE}; // on the clock: when the peer's receive buffer took the data in
            long[] readerNanos = new long[2]; // real time: when the reader saw the close begin, when it had read
            long start = clock.nanoTime();
            long realStart = System.nanoTime();
            Thread reader = readers.newThread(() -> {
                String began = awaitClosing(ws, client);
                readerNanos[0] = System.nanoTime() - realStart;
                peer[0] = began != null ? new PeerRead(0, null, began)
                        : peerReads(ws, server, true, () -> restored[0] = clock.nanoTime());
                readerNanos[1] = System.nanoTime() - realStart;
            });
            reader.start();
            String closed = expectOk("close", ws.closeSocket(client));
            long closeNanos = System.nanoTime() - realStart;
            try {
                reader.join(); // bounded: the reader's own waits have deadlines or end with the close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CloseEnding.of("interrupted");
            }
            CloseEnding ending = lingerReadEnding(closed, peer[0],
                    restored[0] - start >= TimeUnit.SECONDS.toNanos(LINGER_READ_SECONDS));
            return ending.asTheTableSays() ? ending : new CloseEnding(ending.mismatch() + " (linger "
                    + LINGER_READ_SECONDS + " s; the reader saw the close begin after " + millis(readerNanos[0])
                    + " ms and had read after " + millis(readerNanos[1]) + " ms; the close returned after "
                    + millis(closeNanos) + " ms)", ending.lingerRanOut());
        }
    },
    /**
     * linger(1,1), blocking, data queued, the peer does not read: close returns 0 after the one-second time-out,
     * abortive; the peer's recv answers WSAECONNRESET.
     */
    LINGER_STALL("linger-stall", false) {
        @Override
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            return ended(queue(ws, client, server),
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
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            String r = first(queue(ws, client, server),
                    expectOk("SO_LINGER", ws.setSockOpt(client, SocketOptions.SO_LINGER, new Linger(true, 30))),
                    expectOk("FIONBIO", ws.ioctl(client, IoControls.FIONBIO, true)));
            if (r != null) {
                return ended(r);
            }
            WspResult<Void> refused = ws.closeSocket(client);
            if (refused.error() != WsaError.WSAEWOULDBLOCK) {
                return ended("nonblocking linger close answered " + answer(refused) + ", not WSAEWOULDBLOCK");
            }
            return ended(expectOk("handle after WSAEWOULDBLOCK", ws.getSockOpt(client, SocketOptions.SO_TYPE)),
                    expectOk("SO_DONTLINGER", ws.setSockOpt(client, SocketOptions.SO_DONTLINGER, true)),
                    expectOk("close again", ws.closeSocket(client)), peerSees(ws, server, PAYLOAD, null));
        }
    },
    /** shutdown(SD_SEND), then close: both 0; the peer reads the end of the stream. */
    SHUTDOWN("shutdown", true) {
        @Override
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            return ended(expectOk("shutdown", ws.shutdown(client, ShutdownHow.SD_SEND)),
                    expectOk("close", ws.closeSocket(client)), peerSees(ws, server, 0, null));
        }
    },
    /** send, close at once with the data in flight: 0; the peer reads every byte, then the end. */
    SEND_CLOSE("send-close", true) {
        @Override
        CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
            WspResult<Integer> sent = ws.send(client, ByteBuffer.allocate(PAYLOAD), 0);
            if (!sent.isOk() || sent.value() != PAYLOAD) {
                return ended("send before close answered " + answer(sent));
            }
            return ended(expectOk("close", ws.closeSocket(client)), peerSees(ws, server, PAYLOAD, null));
        }
    };

    /** The bytes each connection echoes, and the data a close row leaves queued. */
    public static final int PAYLOAD = 32;
    /** The linger-read row's l_linger. */
    static final int LINGER_READ_SECONDS = 30;
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
     * Closes {@code client} as this row says and has {@code server} read what the row promises it. {@code readers}
     * makes the thread a peer reads on while a close lingers; {@code clock} is the provider's.
     */
    abstract CloseEnding close(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock);

    /**
     * Runs the row and closes the server. The ending's mismatch, when an answer was not as the table says, names
     * what was expected and what came, and how long the row took on the real clock. {@code readers} makes the thread
     * a peer reads on while a close lingers; {@code clock} is the provider's, which its lingers wait on.
     */
    public CloseEnding run(Winsock ws, long client, long server, ThreadFactory readers, TimeSource clock) {
        long start = System.nanoTime();
        CloseEnding r = close(ws, client, server, readers, clock);
        WspResult<Void> stale = ws.closeSocket(client);
        String m = first(r.mismatch(), stale.error() == WsaError.WSAENOTSOCK ? null
                        : "a closed handle answered " + answer(stale) + ", not WSAENOTSOCK",
                expectOk("server close", ws.closeSocket(server)));
        return m == null ? r
                : new CloseEnding(m + "; the row took " + millis(System.nanoTime() - start) + " ms", r.lingerRanOut());
    }

    /**
     * The linger-read row's verdict. closesocket, linger(1,N), blocking, data queued: "blocks until queued data is
     * delivered (graceful) or the time-out expires (then abortive); returns 0 either way". The peer took the data
     * when its receive buffer grew ({@code restored} on the provider's clock). Before the l_linger seconds from the
     * call had passed, that was before the provider's deadline (which counts from later), so the close must be
     * graceful: the peer reads the data, then the end. From then on the time-out may have expired first (a collector
     * pause, or a reader thread its scheduler had not run yet): the abortive end, whose peer's first recv answers
     * WSAECONNRESET, is as the table says too.
     */
    static CloseEnding lingerReadEnding(String closed, PeerRead peer, boolean restoredAfterTheLinger) {
        if (closed != null) {
            return CloseEnding.of(closed);
        }
        if (restoredAfterTheLinger && peer.expect(0, WsaError.WSAECONNRESET) == null) {
            return new CloseEnding(null, true);
        }
        return CloseEnding.of(peer.expect(PAYLOAD, null));
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
     * The server reads {@code bytes} (its receive buffer back to the default first when there are some) and then
     * expects the end of the stream, or {@code error} (bytes 0) at its first recv.
     */
    private static String peerSees(Winsock ws, long server, int bytes, WsaError error) {
        return peerReads(ws, server, bytes > 0, () -> { }).expect(bytes, error);
    }

    /**
     * The server reads until the end of the stream or an error (or more than {@link #PAYLOAD} bytes); first, when
     * {@code restore}, its receive buffer grows back to the default, so one recv takes the queued data, not a byte at
     * a time, and {@code restored} runs once that answered.
     */
    private static PeerRead peerReads(Winsock ws, long server, boolean restore, Runnable restored) {
        if (restore) {
            String refused = expectOk("SO_RCVBUF", ws.setSockOpt(server, SocketOptions.SO_RCVBUF, 65536));
            restored.run();
            if (refused != null) {
                return new PeerRead(0, null, refused);
            }
        }
        ByteBuffer in = ByteBuffer.allocate(PAYLOAD * 2);
        while (true) {
            WspResult<Integer> r = ws.recv(server, in, 0);
            if (!r.isOk()) {
                return new PeerRead(in.position(), r.error());
            }
            if (r.value() == 0 || in.position() > PAYLOAD) {
                return new PeerRead(in.position(), null);
            }
        }
    }

    private static String expectOk(String what, WspResult<?> r) {
        return r.isOk() ? null : what + " answered " + answer(r);
    }

    private static String answer(WspResult<?> r) {
        return r.isOk() ? "ok " + r.value() : r.isPending() ? "pending" : r.error().name();
    }

    /** The row's usual ending, or the first of {@code mismatches} that is not {@code null}. */
    private static CloseEnding ended(String... mismatches) {
        return CloseEnding.of(first(mismatches));
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

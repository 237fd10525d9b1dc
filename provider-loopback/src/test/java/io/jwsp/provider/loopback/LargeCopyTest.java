package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.stream.SlotCopyPause;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.SystemTimeSource;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Large sends and receives copy with the connection's lock released, so that the writer and the reader copy at the
 * same time: on the real clock, with both ends busy, the stream still arrives byte for byte, a close racing a copy
 * never lets the copy's bytes follow the FIN, and a copy aborted by a close leaves the caller's buffer untouched.
 */
class LargeCopyTest {
    private static final int STREAM = 8 << 20;
    private final SystemTimeSource clock = new SystemTimeSource();
    private final Loop loop = new Loop(clock, Map.of("sendBufferBytes", "262144", "receiveBufferBytes", "262144"));

    @AfterEach
    void closeClock() {
        clock.close();
    }

    @Test
    void required_largeCopies_bothEndsAtOnce_streamArrivesByteForByte() throws Exception {
        Loop.Pair p = loop.pair();
        CompletableFuture<Long> reader = Loop.inBackground(() -> readPattern(p.server(), new SplittableRandom(7)));
        SplittableRandom random = new SplittableRandom(11);
        long sent = 0;
        while (sent < STREAM) {
            // From one byte to 200 KiB, over one or two buffers (one of them direct), around the 16 KiB threshold.
            int n = (int) Math.min(STREAM - sent, 1 + random.nextInt(random.nextBoolean() ? 32 * 1024 : 200 * 1024));
            ByteBuffer[] out = pattern(sent, n, random.nextBoolean());
            int before = remaining(out);
            sent += ok(p.client().send(out, 0, null));
            assertEquals(0, remaining(out), "a blocking send takes everything (" + before + " bytes)");
        }
        ok(p.client().shutdown(ShutdownHow.SD_SEND));
        assertEquals(sent, join(reader), "bytes read, each checked against the pattern");
        closeAll(p);
    }

    /**
     * closesocket (every row that keeps the connection: default, SD_SEND then close) against a blocked 64 KiB send:
     * the peer reads exactly the bytes of the sends that answered 0..n (a send the close interrupted answers WSAEINTR
     * and delivers nothing), then EOF: the FIN is never overtaken by a copy still running.
     */
    @Test
    void required_closeRacingLargeSends_peerReadsExactlyTheAcceptedBytes() throws Exception {
        Set<WsaError> allowed = Set.of(WsaError.WSAEINTR, WsaError.WSAENOTSOCK, WsaError.WSAESHUTDOWN);
        for (int round = 0; round < 40; round++) {
            Loop.Pair p = loop.pair();
            CompletableFuture<Long> reader = Loop.inBackground(() -> readPattern(p.server(), null));
            CountDownLatch sending = new CountDownLatch(1);
            CompletableFuture<Ended> writer = Loop.inBackground(() -> sendUntilFailure(p.client(), sending, false));
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            if (round % 2 == 1) {
                ok(p.client().shutdown(ShutdownHow.SD_SEND));
            }
            ok(p.client().closeSocket());
            Ended ended = join(writer);
            assertTrue(allowed.contains(ended.error()), "the interrupted send answered " + ended.error());
            assertEquals(ended.consumed(), join(reader), "round " + round + ": the peer read what the sends took");
            ok(p.server().closeSocket());
            ok(p.listener().closeSocket());
        }
    }

    /** A hard close (linger 0) racing a large receive: it ends with data or WSAECONNRESET, the bytes an intact prefix. */
    @Test
    void required_hardCloseRacingLargeReceives_prefixThenReset() throws Exception {
        for (int round = 0; round < 40; round++) {
            Loop.Pair p = loop.pair();
            CompletableFuture<Long> reader = Loop.inBackground(() -> readPattern(p.server(), null));
            CountDownLatch sending = new CountDownLatch(1);
            CompletableFuture<Ended> writer = Loop.inBackground(() -> sendUntilFailure(p.client(), sending, true));
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            hardClose(p.client());
            long consumed = join(writer).consumed();
            long read = join(reader);
            assertTrue(read <= consumed, "read " + read + " of the " + consumed + " bytes the sends took");
            ok(p.server().closeSocket());
            ok(p.listener().closeSocket());
        }
    }

    // ---- one copy stopped with the lock released, while another thread acts on the connection

    /** closesocket while a large send copies: the send answers WSAEINTR, its buffer untouched, nothing follows FIN. */
    @Test
    void required_closeDuringASendsCopy_sendIsWsaeintr_bytesNeverFollowTheFin() throws Exception {
        Loop.Pair p = loop.pair();
        ByteBuffer[] out = pattern(0, 64 * 1024, false);
        WspResult<Integer> r = duringCopy(() -> p.client().send(out, 0, null), () -> ok(p.client().closeSocket()));
        assertEquals(WsaError.WSAEINTR, r.error());
        assertEquals(64 * 1024, remaining(out), "the aborted copy gave the caller's bytes back");
        assertEquals(0L, readPattern(p.server(), null), "the peer reads the FIN, not the aborted bytes");
        ok(p.server().closeSocket());
        ok(p.listener().closeSocket());
    }

    /** shutdown(SD_SEND) while a large send copies: the send answers WSAESHUTDOWN; the peer sees only the FIN. */
    @Test
    void required_shutdownDuringASendsCopy_sendIsWsaeshutdown() throws Exception {
        Loop.Pair p = loop.pair();
        ByteBuffer[] out = pattern(0, 64 * 1024, true);
        WspResult<Integer> r = duringCopy(() -> p.client().send(out, 0, null),
                () -> ok(p.client().shutdown(ShutdownHow.SD_SEND)));
        assertEquals(WsaError.WSAESHUTDOWN, r.error());
        assertEquals(64 * 1024, remaining(out));
        assertEquals(0L, readPattern(p.server(), null));
        closeAll(p);
    }

    /** The peer resets while a large send copies: the send had begun first, so it answers 64 KiB; the next resets. */
    @Test
    void required_resetDuringASendsCopy_sendCompletes_nextSendIsWsaeconnreset() throws Exception {
        Loop.Pair p = loop.pair();
        WspResult<Integer> r = duringCopy(() -> p.client().send(pattern(0, 64 * 1024, false), 0, null),
                () -> hardClose(p.server()));
        assertEquals(64 * 1024, ok(r));
        assertEquals(WsaError.WSAECONNRESET, p.client().send(pattern(0, 10, false), 0, null).error());
        ok(p.client().closeSocket());
        ok(p.listener().closeSocket());
    }

    /** closesocket while a large recv copies out: WSAEINTR, the caller's buffer as it was. */
    @Test
    void required_closeDuringARecvsCopy_recvIsWsaeintr_bufferUntouched() throws Exception {
        Loop.Pair p = loop.pair();
        assertEquals(64 * 1024, ok(p.client().send(pattern(0, 64 * 1024, false), 0, null)));
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        WspResult<Integer> r = duringCopy(() -> p.server().recv(new ByteBuffer[] {in}, 0, null),
                () -> ok(p.server().closeSocket()));
        assertEquals(WsaError.WSAEINTR, r.error());
        assertEquals(0, in.position(), "nothing was received into the buffer");
        ok(p.client().closeSocket());
        ok(p.listener().closeSocket());
    }

    /** The peer resets while a large recv copies out: the recv had begun first and returns its bytes; then reset. */
    @Test
    void required_resetDuringARecvsCopy_recvReturnsItsBytes_thenWsaeconnreset() throws Exception {
        Loop.Pair p = loop.pair();
        assertEquals(64 * 1024, ok(p.client().send(pattern(0, 64 * 1024, false), 0, null)));
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        WspResult<Integer> r = duringCopy(() -> p.server().recv(new ByteBuffer[] {in}, 0, null),
                () -> hardClose(p.client()));
        assertEquals(64 * 1024, ok(r));
        in.flip();
        for (int i = 0; i < in.limit(); i++) {
            assertEquals((byte) (i * 31L + (i >>> 13)), in.get(i), "byte " + i);
        }
        assertEquals(WsaError.WSAECONNRESET, p.server().recv(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, null)
                .error());
        ok(p.server().closeSocket());
        ok(p.listener().closeSocket());
    }

    /**
     * Runs {@code call} on another thread, stops it just before its copy outside the lock, runs {@code meanwhile}
     * on this thread, lets the copy go on, and answers what {@code call} answered.
     */
    private static WspResult<Integer> duringCopy(Callable<WspResult<Integer>> call, Runnable meanwhile)
            throws Exception {
        try (SlotCopyPause pause = new SlotCopyPause()) {
            CompletableFuture<WspResult<Integer>> running = Loop.inBackground(call);
            assertTrue(pause.awaitCopying(), "the call never reached its copy");
            meanwhile.run();
            pause.release();
            return join(running);
        }
    }

    private static void hardClose(WspSocket s) {
        ok(s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(0)));
        ok(s.closeSocket());
    }

    private static void closeAll(Loop.Pair p) {
        ok(p.client().closeSocket());
        ok(p.server().closeSocket());
        ok(p.listener().closeSocket());
    }

    /** How a sender ended: the bytes its sends took from their buffers (also those of the failed one), and why. */
    record Ended(long consumed, WsaError error) {
    }

    /**
     * Blocking 64 KiB sends until one fails. A send a close interrupts may have moved part of its buffer before it
     * blocked (those bytes count); the copy it was running when the close came is undone (its bytes do not).
     */
    private static Ended sendUntilFailure(WspSocket s, CountDownLatch sending, boolean direct) {
        long consumed = 0;
        while (true) {
            ByteBuffer[] out = pattern(consumed, 64 * 1024, direct);
            WspResult<Integer> r = s.send(out, 0, null);
            sending.countDown();
            int took = 64 * 1024 - remaining(out);
            consumed += took;
            if (!r.isOk()) {
                return new Ended(consumed, r.error());
            }
            assertEquals(took, r.value());
        }
    }

    /**
     * Reads to the end, checking every byte against the pattern (with {@code random}, in receives of random size over
     * one or two buffers); answers the count, or the count so far when the stream ends in WSAECONNRESET.
     */
    private static long readPattern(WspSocket s, SplittableRandom random) {
        long read = 0;
        while (true) {
            int n = random == null ? 64 * 1024 : 1 + random.nextInt(150 * 1024);
            int split = random == null ? n : random.nextInt(n + 1);
            ByteBuffer a = ByteBuffer.allocate(split);
            ByteBuffer b = ByteBuffer.allocateDirect(n - split);
            WspResult<Integer> r = s.recv(new ByteBuffer[] {a, b}, 0, null);
            if (r.is(WsaError.WSAECONNRESET)) {
                return read;
            }
            int got = ok(r);
            if (got == 0) {
                return read;
            }
            a.flip();
            b.flip();
            for (ByteBuffer part : new ByteBuffer[] {a, b}) {
                while (part.hasRemaining()) {
                    byte expected = (byte) (read * 31 + (read >>> 13));
                    byte actual = part.get();
                    if (actual != expected) {
                        throw new AssertionError("byte " + read + ": " + actual + " instead of " + expected);
                    }
                    read++;
                }
            }
        }
    }

    /** {@code n} bytes of the stream from offset {@code from}, split over two buffers, the second direct if asked. */
    private static ByteBuffer[] pattern(long from, int n, boolean direct) {
        int split = n / 3;
        ByteBuffer a = ByteBuffer.allocate(split);
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(n - split) : ByteBuffer.allocate(n - split);
        long at = from;
        for (ByteBuffer part : new ByteBuffer[] {a, b}) {
            while (part.hasRemaining()) {
                part.put((byte) (at * 31 + (at >>> 13)));
                at++;
            }
            part.flip();
        }
        return new ByteBuffer[] {a, b};
    }

    private static int remaining(ByteBuffer[] buffers) {
        int n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }
}

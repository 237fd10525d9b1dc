package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.stream.SlotCopyPause;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A recv copies straight out of a send that waits with the rest of its buffers (the symmetric of
 * {@link DirectReceiveTest}, as AFD completes a pended send into a posted receive): once the ring before them is
 * drained, the receiving thread copies the waiting send's bytes into its own buffers, one copy per byte. The buffers
 * are small (4 KiB SO_SNDBUF and SO_RCVBUF on both ends): a 64 KiB blocking send puts 8 KiB into the ring and waits
 * with 56 KiB; a MSG_WAITALL recv of 64 KiB then reads the ring (small copies, lock held) and takes the 56 KiB from
 * the send's buffer with the lock released, where {@link SlotCopyPause} stops it and tells which thread copies. Races
 * with close, shutdown, reset and cancel act while that copy is stopped. Blocked calls are known to be parked through
 * the virtual clock. No sleeps.
 */
class DirectSendTest {
    private static final int BUF = 4096;
    private static final int RING_MAX = 2 * BUF;
    private static final int SEND = 64 * 1024;
    private final Loop loop = new Loop();

    /** A blocked send's bytes reach the reader by the reader's own copy, after the ring's, in order. */
    @Test
    void required_sendWaitingForRoom_recvCopiesStraightOutOfItsBuffer_afterTheRing_inOrder() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        assertEquals(BUF, ok(p.server().ioctl(IoControls.FIONREAD, null, null)), "the ring took what fits");
        ByteBuffer into = ByteBuffer.allocate(SEND);
        Thread[] receiving = new Thread[1];
        try (SlotCopyPause pause = new SlotCopyPause()) {
            CompletableFuture<WspResult<Integer>> recv = Loop.inBackground(() -> {
                receiving[0] = Thread.currentThread();
                return p.server().recv(new ByteBuffer[] {into}, MsgFlags.MSG_WAITALL, null);
            });
            assertTrue(pause.awaitCopying(), "no copy outside the lock");
            assertSame(receiving[0], pause.copier(), "the receiving thread copies the waiting send's bytes");
            assertFalse(send.isDone(), "the send returned while its buffer was still being copied");
            pause.release();
            assertEquals(SEND, ok(join(recv)));
        }
        assertEquals(SEND, ok(join(send)));
        assertEquals(0, out[0].remaining());
        StreamPattern.check(into.flip(), 0, SEND);
        assertEquals(0, ok(p.server().ioctl(IoControls.FIONREAD, null, null)), "nothing left in the ring");
        assertEquals(RING_MAX, Loop.fill(p.client()), "SO_RCVBUF accounting untouched: the ring's room is whole");
    }

    /**
     * The reader copies out of a gather send's three buffers without moving them (their objects stay the sender's):
     * while the copy runs, every position is where the send found it; the send moves them past the bytes when it
     * counts them, and returns with all three empty.
     */
    @Test
    void required_gatherSend_readerTakesWithoutMovingTheSendersBuffers_theSendMovesThemWhenItReturns()
            throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer whole = StreamPattern.bytes(0, SEND)[0];
        ByteBuffer[] out = {whole.slice(0, 1000), whole.slice(1000, 30_000), whole.slice(31_000, SEND - 31_000)};
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        int[] waiting = {out[0].position(), out[1].position(), out[2].position()};
        assertEquals(1000, waiting[0], "the ring took the first buffer and part of the second");
        ByteBuffer into = ByteBuffer.allocate(SEND);
        WspResult<Integer> got = duringTake(p, into, () -> {
            int[] now = {out[0].position(), out[1].position(), out[2].position()};
            assertEquals(java.util.Arrays.toString(waiting), java.util.Arrays.toString(now),
                    "the reader's copy moved none of the sender's buffers");
        }, send);
        assertEquals(SEND, ok(got));
        assertEquals(SEND, ok(join(send)));
        for (ByteBuffer b : out) {
            assertEquals(0, b.remaining(), "the send moved its buffers past every byte");
        }
        StreamPattern.check(into.flip(), 0, SEND);
    }

    /**
     * closesocket of the sending socket while the reader copies out of its buffer: the copy is undone (the send's
     * bytes stay where they were, the send answers WSAEINTR), the recv returns the ring's bytes and then the FIN:
     * no byte of the aborted copy follows the FIN.
     */
    @Test
    void required_senderClosedDuringTheReadersCopy_sendIsWsaeintr_recvGetsTheRingThenTheFin() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        ByteBuffer into = ByteBuffer.allocate(SEND);
        WspResult<Integer> got = duringTake(p, into, () -> ok(p.client().closeSocket()), send);
        assertEquals(RING_MAX, ok(got), "the ring's bytes, then the end of the stream");
        StreamPattern.check(into.flip(), 0, RING_MAX);
        fails(WsaError.WSAEINTR, join(send));
        assertEquals(SEND - RING_MAX, out[0].remaining(), "the aborted copy gave the sender's bytes back");
        assertEquals(0, ok(p.server().recv(Loop.room(10), 0, null)), "the FIN");
    }

    /** shutdown(SD_SEND) of the sending side during the copy: as a close, the send answers WSAESHUTDOWN. */
    @Test
    void required_senderShutdownDuringTheReadersCopy_sendIsWsaeshutdown_recvGetsTheRingThenTheFin()
            throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        ByteBuffer into = ByteBuffer.allocate(SEND);
        WspResult<Integer> got = duringTake(p, into, () -> ok(p.client().shutdown(ShutdownHow.SD_SEND)), send);
        assertEquals(RING_MAX, ok(got));
        fails(WsaError.WSAESHUTDOWN, join(send));
        assertEquals(SEND - RING_MAX, out[0].remaining());
        assertEquals(0, ok(p.server().recv(Loop.room(10), 0, null)));
    }

    /**
     * closesocket of the receiving socket during its copy: the recv answers WSAEINTR and keeps none of the send's
     * bytes; the send gets them back and, as a send to a closed socket does, resets (WSAECONNRESET).
     */
    @Test
    void required_receiverClosedDuringItsCopy_recvIsWsaeintr_sendGetsItsBytesBackAndIsReset() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        ByteBuffer into = ByteBuffer.allocate(SEND);
        fails(WsaError.WSAEINTR, duringTake(p, into, () -> ok(p.server().closeSocket()), send));
        assertEquals(RING_MAX, into.position(), "only the ring's bytes: the undone copy left nothing");
        fails(WsaError.WSAECONNRESET, join(send));
        assertEquals(SEND - RING_MAX, out[0].remaining());
    }

    /** A reset from the sending side (linger 0) during the copy: the send is WSAEINTR, the recv WSAECONNRESET. */
    @Test
    void required_senderResetsDuringTheReadersCopy_sendIsWsaeintr_recvIsWsaeconnreset() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        ByteBuffer into = ByteBuffer.allocate(SEND);
        fails(WsaError.WSAECONNRESET, duringTake(p, into, () -> Loop.hardClose(p.client()), send));
        fails(WsaError.WSAEINTR, join(send));
        assertEquals(SEND - RING_MAX, out[0].remaining());
    }

    /** A reset from the receiving side during its copy: the recv is WSAEINTR, the send WSAECONNRESET. */
    @Test
    void required_receiverResetsDuringItsCopy_recvIsWsaeintr_sendIsWsaeconnreset() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> p.client().send(out, 0, null));
        ByteBuffer into = ByteBuffer.allocate(SEND);
        fails(WsaError.WSAEINTR, duringTake(p, into, () -> Loop.hardClose(p.server()), send));
        assertEquals(RING_MAX, into.position());
        fails(WsaError.WSAECONNRESET, join(send));
        assertEquals(SEND - RING_MAX, out[0].remaining());
    }

    /**
     * WSPCancelBlockingCall on the sending thread while the reader copies out of its buffer: the bytes were on their
     * way before the cancel; the send waits for the copy and completes with all of them.
     */
    @Test
    void required_cancelOfTheSendDuringTheReadersCopy_sendCompletesWithTheTakenBytes() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer[] out = StreamPattern.bytes(0, SEND);
        Thread[] sending = new Thread[1];
        CompletableFuture<WspResult<Integer>> send = loop.blocked(() -> {
            sending[0] = Thread.currentThread();
            return p.client().send(out, 0, null);
        });
        ByteBuffer into = ByteBuffer.allocate(SEND);
        WspResult<Integer> got = duringTake(p, into, () -> ok(loop.provider.cancelBlockingCall(sending[0])), send);
        assertEquals(SEND, ok(got));
        assertEquals(SEND, ok(join(send)));
        StreamPattern.check(into.flip(), 0, SEND);
    }

    /**
     * A large blocking send to a peer whose last recv was a blocking one first waits a moment for that reader to
     * take its bytes; a reader that does not come costs the send only that moment: it returns with its bytes in the
     * ring, where recv, FIONREAD and select find them as ever.
     */
    @Test
    void required_largeSendToAStreamingReaderThatDoesNotCome_ringsItsBytesAndReturns() throws Exception {
        Loop.Pair p = loop.pair(); // default 64 KiB buffers: 32 KiB fit at once
        assertEquals(1, ok(p.client().send(StreamPattern.bytes(0, 1), 0, null)));
        assertEquals(1, ok(p.server().recv(Loop.room(1), 0, null)), "a blocking recv: a streaming reader");
        for (int i = 0; i < 3; i++) {
            int from = 1 + i * 32 * 1024;
            CompletableFuture<WspResult<Integer>> send = Loop.inBackground(
                    () -> p.client().send(StreamPattern.bytes(from, 32 * 1024), 0, null));
            assertEquals(32 * 1024, ok(join(send)), "send " + i + " returned with its bytes in the ring");
        }
        assertEquals(64 * 1024, ok(p.server().ioctl(IoControls.FIONREAD, null, null)));
        ByteBuffer into = ByteBuffer.allocate(96 * 1024);
        assertEquals(96 * 1024, ok(p.server().recv(new ByteBuffer[] {into}, MsgFlags.MSG_WAITALL, null)));
        StreamPattern.check(into.flip(), 1, 96 * 1024);
    }

    // ---- helpers

    /**
     * A MSG_WAITALL recv of 64 KiB on another thread, stopped in its copy out of the waiting send's buffer; runs
     * {@code meanwhile}, lets the copy go on and answers what the recv answered.
     */
    private static WspResult<Integer> duringTake(Loop.Pair p, ByteBuffer into, Runnable meanwhile,
                                                 CompletableFuture<WspResult<Integer>> send) throws Exception {
        Thread[] receiving = new Thread[1];
        try (SlotCopyPause pause = new SlotCopyPause()) {
            CompletableFuture<WspResult<Integer>> recv = Loop.inBackground(() -> {
                receiving[0] = Thread.currentThread();
                return p.server().recv(new ByteBuffer[] {into}, MsgFlags.MSG_WAITALL, null);
            });
            assertTrue(pause.awaitCopying(), "the recv never reached its copy");
            assertSame(receiving[0], pause.copier(), "the receiving thread copies");
            meanwhile.run();
            assertFalse(send.isDone(), "the send returned while the copy out of its buffer was still running");
            pause.release();
            return join(recv);
        }
    }
}

package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.nonBlocking;
import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.stream.SlotCopyPause;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A send copies straight into a receive that waits with its buffers (a parked blocking recv, a queued overlapped
 * recv), as AFD completes posted receives, and only the rest goes through the ring. The buffers are small (4 KiB
 * SO_SNDBUF and SO_RCVBUF on both ends, so at most 8 KiB ever sit in the ring): a receive that gets more than 8 KiB
 * from one send can only have been filled directly, which makes the direct path observable through the contract.
 * Races with close and reset stop the direct copy with the lock released ({@link SlotCopyPause}); blocked calls are
 * known to be parked through the virtual clock. No sleeps.
 */
class DirectReceiveTest {
    private static final int BUF = 4096;
    private static final int RING_MAX = 2 * BUF;
    private final Loop loop = new Loop();

    /** recv (blocking) "returns as much data as is currently available, up to the size of the buffer". */
    @Test
    void required_blockedRecv_completedByOneDirectCopy_moreThanTheRingHolds() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        CompletableFuture<ByteBuffer> recv = loop.blocked(() -> receive(p.server(), 16 * 1024, 0));
        nonBlocking(p.client(), true);
        assertEquals(16 * 1024, ok(p.client().send(StreamPattern.bytes(0, 16 * 1024), 0, null)),
                "a nonblocking send hands all 16 KiB to the waiting recv, though only 8 KiB fit in the ring");
        ByteBuffer got = join(recv);
        StreamPattern.check(got, 0, 16 * 1024);
        assertEquals(0, ok(p.server().ioctl(IoControls.FIONREAD, null, null)), "nothing went into the ring");
        assertEquals(RING_MAX, Loop.fill(p.client()), "SO_RCVBUF accounting untouched: the ring's room is whole");
    }

    /** An overlapped recv completed by a direct copy: the completion carries the bytes the send copied in. */
    @Test
    void required_overlappedRecv_completedByDirectCopy_completionCarriesTheByteCount() {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        Overlapped ov = Overlapped.polled();
        ByteBuffer into = ByteBuffer.allocate(20 * 1024);
        assertTrue(p.server().recv(new ByteBuffer[] {into}, 0, ov).isPending());
        nonBlocking(p.client(), true);
        assertEquals(20 * 1024, ok(p.client().send(StreamPattern.bytes(0, 20 * 1024), 0, null)));
        RecordingUpcalls.Completed c = loop.upcalls.of(ov);
        assertNotNull(c, "the send completed the overlapped recv");
        assertNull(c.error());
        assertEquals(20 * 1024, c.bytes());
        StreamPattern.check(into.flip(), 0, 20 * 1024);
    }

    /** A partial fill: the waiting recv gets what fits its buffer, the rest of the send goes to the ring, in order. */
    @Test
    void required_bigSendToSmallWaitingRecv_fillsItThenRingsTheRest_inOrder() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        CompletableFuture<ByteBuffer> recv = loop.blocked(() -> receive(p.server(), 1000, 0));
        nonBlocking(p.client(), true);
        assertEquals(1000 + RING_MAX, ok(p.client().send(StreamPattern.bytes(0, 20 * 1024), 0, null)),
                "1000 bytes straight into the recv, then as much as the ring holds");
        StreamPattern.check(join(recv), 0, 1000);
        assertEquals(BUF, ok(p.server().ioctl(IoControls.FIONREAD, null, null)), "the ring holds the rest");
        StreamPattern.check(receive(p.server(), RING_MAX, MsgFlags.MSG_WAITALL), 1000, RING_MAX);
    }

    /** Several sends fill one MSG_WAITALL recv directly; it returns only when full, the bytes in order. */
    @Test
    void required_waitAll_filledByThreeDirectCopies_returnsWhenFull() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        CompletableFuture<ByteBuffer> recv = loop.blocked(() -> receive(p.server(), 12 * 1024,
                MsgFlags.MSG_WAITALL));
        nonBlocking(p.client(), true);
        assertEquals(1024, ok(p.client().send(StreamPattern.bytes(0, 1024), 0, null)));
        assertEquals(5 * 1024, ok(p.client().send(StreamPattern.bytes(1024, 5 * 1024), 0, null)));
        assertTrue(!recv.isDone(), "not returned before it is full");
        assertEquals(6 * 1024, ok(p.client().send(StreamPattern.bytes(6 * 1024, 6 * 1024), 0, null)),
                "all went straight in: the ring alone could not take 12 KiB without a read");
        StreamPattern.check(join(recv), 0, 12 * 1024);
    }

    /** A peeking recv is no direct target: the bytes stay in the ring and a later recv reads them again. */
    @Test
    void required_blockedPeek_isNotFilledDirectly_dataStaysForTheNextRecv() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        CompletableFuture<ByteBuffer> peek = loop.blocked(() -> receive(p.server(), 16 * 1024, MsgFlags.MSG_PEEK));
        nonBlocking(p.client(), true);
        assertEquals(RING_MAX, ok(p.client().send(StreamPattern.bytes(0, 16 * 1024), 0, null)), "only the ring takes bytes");
        ByteBuffer peeked = join(peek);
        assertTrue(peeked.remaining() > 0);
        StreamPattern.check(peeked, 0, peeked.remaining());
        StreamPattern.check(receive(p.server(), RING_MAX, MsgFlags.MSG_WAITALL), 0, RING_MAX);
    }

    /** An overlapped peek at the head of the queue is no direct target either; the recv queued behind it waits. */
    @Test
    void required_overlappedPeek_isNotFilledDirectly() {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        Overlapped ov = Overlapped.polled();
        ByteBuffer into = ByteBuffer.allocate(100);
        assertTrue(p.server().recv(new ByteBuffer[] {into}, MsgFlags.MSG_PEEK, ov).isPending());
        nonBlocking(p.client(), true);
        assertEquals(RING_MAX, ok(p.client().send(StreamPattern.bytes(0, 16 * 1024), 0, null)));
        assertEquals(100, loop.upcalls.of(ov).bytes());
        assertEquals(BUF, ok(p.server().ioctl(IoControls.FIONREAD, null, null)), "the peeked bytes are still there");
        StreamPattern.check(receive(p.server(), 100, 0), 0, 100);
    }

    /**
     * closesocket of the receiving socket while a direct copy runs with the lock released: the buffer goes back to
     * the recv untouched (WSAEINTR); the send had begun first and counts its bytes, dropped with the closed socket's
     * unread data as a ring would drop them; the next send meets the reset (a send to a closed socket).
     */
    @Test
    void required_receiverClosedDuringDirectCopy_recvIsWsaeintr_bufferUntouched_sendCounted() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer into = ByteBuffer.allocate(64 * 1024);
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(
                () -> p.server().recv(new ByteBuffer[] {into}, 0, null));
        WspResult<Integer> sent = duringCopy(() -> p.client().send(StreamPattern.bytes(0, 64 * 1024), 0, null),
                () -> ok(p.server().closeSocket()), recv);
        assertEquals(64 * 1024, ok(sent));
        fails(WsaError.WSAEINTR, join(recv));
        assertEquals(0, into.position(), "nothing was delivered into the closed socket's buffer");
        fails(WsaError.WSAECONNRESET, p.client().send(StreamPattern.bytes(0, 10), 0, null));
    }

    /**
     * closesocket of the sending socket while its direct copy runs: the send answers WSAEINTR with its buffer as it
     * was, nothing reaches the waiting recv, which then sees the FIN (0): no byte follows the FIN.
     */
    @Test
    void required_senderClosedDuringDirectCopy_sendIsWsaeintr_recvSeesOnlyTheFin() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer into = ByteBuffer.allocate(64 * 1024);
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(
                () -> p.server().recv(new ByteBuffer[] {into}, 0, null));
        ByteBuffer[] out = StreamPattern.bytes(0, 64 * 1024);
        WspResult<Integer> sent = duringCopy(() -> p.client().send(out, 0, null), () -> ok(p.client().closeSocket()),
                recv);
        fails(WsaError.WSAEINTR, sent);
        assertEquals(64 * 1024, out[0].remaining(), "the aborted copy gave the caller's bytes back");
        assertEquals(0, ok(join(recv)), "the recv reads the FIN, not the aborted bytes");
        assertEquals(0, into.position());
    }

    /** A reset from the receiving side (linger 0) during the copy: as a close, the recv gets nothing; then reset. */
    @Test
    void required_receiverResetsDuringDirectCopy_recvIsWsaeintr_nextSendIsReset() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer into = ByteBuffer.allocate(64 * 1024);
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(
                () -> p.server().recv(new ByteBuffer[] {into}, 0, null));
        WspResult<Integer> sent = duringCopy(() -> p.client().send(StreamPattern.bytes(0, 64 * 1024), 0, null),
                () -> Loop.hardClose(p.server()), recv);
        assertEquals(64 * 1024, ok(sent), "the send had begun before the reset");
        fails(WsaError.WSAEINTR, join(recv));
        assertEquals(0, into.position());
        fails(WsaError.WSAECONNRESET, p.client().send(StreamPattern.bytes(0, 10), 0, null));
    }

    /** A reset from the sending side during its copy: the send is WSAEINTR, the recv WSAECONNRESET with nothing. */
    @Test
    void required_senderResetsDuringDirectCopy_sendIsWsaeintr_recvIsWsaeconnreset() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        ByteBuffer into = ByteBuffer.allocate(64 * 1024);
        CompletableFuture<WspResult<Integer>> recv = loop.blocked(
                () -> p.server().recv(new ByteBuffer[] {into}, 0, null));
        ByteBuffer[] out = StreamPattern.bytes(0, 64 * 1024);
        WspResult<Integer> sent = duringCopy(() -> p.client().send(out, 0, null), () -> Loop.hardClose(p.client()), recv);
        fails(WsaError.WSAEINTR, sent);
        assertEquals(64 * 1024, out[0].remaining());
        fails(WsaError.WSAECONNRESET, join(recv));
        assertEquals(0, into.position());
    }

    /**
     * WSPCancelBlockingCall on the receiving thread while a direct copy into its buffer runs: the bytes were on their
     * way before the cancel, the recv waits for the copy and returns them (a cancel never loses delivered data).
     */
    @Test
    void required_cancelDuringDirectCopy_recvReturnsTheDeliveredBytes() throws Exception {
        Loop.Pair p = loop.pairWithBuffers(BUF);
        Thread[] receiving = new Thread[1];
        CompletableFuture<ByteBuffer> recv = loop.blocked(() -> {
            receiving[0] = Thread.currentThread();
            return receive(p.server(), 64 * 1024, 0);
        });
        WspResult<Integer> sent = duringCopy(() -> p.client().send(StreamPattern.bytes(0, 64 * 1024), 0, null),
                () -> ok(loop.provider.cancelBlockingCall(receiving[0])), recv);
        assertEquals(64 * 1024, ok(sent));
        StreamPattern.check(join(recv), 0, 64 * 1024);
    }

    // ---- helpers

    /**
     * Runs {@code call} on another thread, stops its copy outside the lock (a direct copy: {@code recv} is parked),
     * runs {@code meanwhile}, lets the copy go on and answers what {@code call} answered.
     */
    private static WspResult<Integer> duringCopy(Callable<WspResult<Integer>> call,
                                                 Runnable meanwhile, CompletableFuture<?> recv) throws Exception {
        try (SlotCopyPause pause = new SlotCopyPause()) {
            CompletableFuture<WspResult<Integer>> running = Loop.inBackground(call);
            assertTrue(pause.awaitCopying(), "the send never reached its copy");
            meanwhile.run();
            assertTrue(!recv.isDone(), "the recv returned while the copy into its buffer was still running");
            pause.release();
            return join(running);
        }
    }

    /** One recv into a fresh buffer; answers the bytes received, flipped. */
    private static ByteBuffer receive(WspSocket s, int size, int flags) {
        ByteBuffer b = ByteBuffer.allocate(size);
        ok(s.recv(new ByteBuffer[] {b}, flags, null));
        return b.flip();
    }
}

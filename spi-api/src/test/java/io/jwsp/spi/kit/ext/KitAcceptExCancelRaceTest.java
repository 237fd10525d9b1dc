package io.jwsp.spi.kit.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.StartupReply;
import io.jwsp.spi.Upcalls;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.ext.SocketSlot;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.SelectSets;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * AcceptEx against a cancel that races the accept (the CancelIoEx page: a cancelled operation that had already
 * finished completes with its own status), and against a connection another thread took between the worker's select
 * and its accept. The fake listener's accept is the seam: it runs the cancel right where the race lies, so each order
 * is played exactly, with no timing.
 */
class KitAcceptExCancelRaceTest {
    private static final SockAddr PEER = InetSockAddr.loopback4(50_001);
    private static final SockAddr LOCAL = InetSockAddr.loopback4(50_000);
    private static final int SLOT = new InetSockAddrLayout().maxLength(AddressFamily.AF_INET)
            + AcceptExBuffer.SLOT_OVERHEAD;

    private final BlockingQueue<String> completions = new LinkedBlockingQueue<>();
    private final FakeKitSocket listener = FakeKitSocket.listener(
            (ov, e, n, f, from) -> completions.add(e == null ? "SUCCESS" : e.name()));
    private final FakeKitSocket shell = FakeKitSocket.fresh((ov, e, n, f, from) -> { });
    private final FakeKitSocket connection = FakeKitSocket.connected((ov, e, n, f, from) -> { }, LOCAL, PEER);
    private final Slot slot = new Slot(shell);
    private final Overlapped ov = Overlapped.polled();
    private final ScriptedSelect provider = new ScriptedSelect();
    private final KitAcceptEx acceptEx = new KitAcceptEx(provider, new InetSockAddrLayout());

    @Test
    void cancelAfterTheConditionTookTheConnection_completesWithIt() throws InterruptedException {
        AtomicInteger decision = new AtomicInteger(-1);
        AtomicReference<WspResult<Void>> cancelMeanwhile = new AtomicReference<>();
        listener.acceptScript = condition -> {
            decision.set(condition.decide(PEER));
            cancelMeanwhile.set(listener.core().cancelIo(ov)); // between CF_ACCEPT and the accept's return
            return WspResult.ok(new Accepted(connection, PEER));
        };

        assertTrue(start().isPending());

        assertEquals("SUCCESS", completions.poll(10, TimeUnit.SECONDS),
                "a cancel that lost the race to the accept: the AcceptEx completes with the connection");
        assertEquals(AcceptCondition.CF_ACCEPT, decision.get());
        assertTrue(cancelMeanwhile.get().isOk(), () -> "CancelIoEx found the call pending: " + cancelMeanwhile);
        assertSame(connection, slot.socket.get(), "the accept handle names the connection");
        assertFalse(connection.closed.get(), "the connection is not closed");
        assertTrue(shell.closed.get(), "the accept socket's shell gave way to the connection");
        assertEquals(WsaError.WSA_INVALID_PARAMETER, listener.core().cancelIo(ov).error(),
                "once the accept took the connection nothing is pending (CancelIoEx's ERROR_NOT_FOUND)");
        assertNull(completions.poll(), "one completion only");
    }

    @Test
    void cancelBeforeTheCondition_leavesTheConnectionForTheNextAccept() throws InterruptedException {
        AtomicInteger decision = new AtomicInteger(-1);
        CountDownLatch decided = new CountDownLatch(1);
        listener.acceptScript = condition -> {
            listener.core().cancelIo(ov); // before the condition is asked
            decision.set(condition.decide(PEER));
            decided.countDown();
            return WspResult.fail(WsaError.WSATRY_AGAIN); // deferred: the connection stays queued
        };

        assertTrue(start().isPending());

        assertEquals("WSA_OPERATION_ABORTED", completions.poll(10, TimeUnit.SECONDS));
        assertTrue(decided.await(10, TimeUnit.SECONDS));
        assertEquals(AcceptCondition.CF_DEFER, decision.get(), "an aborted call leaves the connection queued");
        assertSame(shell, slot.socket.get());
    }

    @Test
    void cancelWhileTakingAndTheAcceptFails_endsTheCallAborted() throws InterruptedException {
        listener.acceptScript = condition -> {
            condition.decide(PEER);
            listener.core().cancelIo(ov);
            return WspResult.fail(WsaError.WSAECONNRESET); // the connection was gone after all
        };

        assertTrue(start().isPending());

        assertEquals("WSA_OPERATION_ABORTED", completions.poll(10, TimeUnit.SECONDS));
        assertSame(shell, slot.socket.get());
        assertEquals(WsaError.WSA_INVALID_PARAMETER, listener.core().cancelIo(ov).error());
    }

    @Test
    void connectionTakenElsewhereBetweenSelectAndAccept_theWorkerNeverParksInTheAccept() throws InterruptedException {
        provider.readyAnswers.set(1); // select sees a connection once; another thread takes it before the accept
        CountDownLatch acceptReturned = new CountDownLatch(1);
        AtomicReference<WspResult<Accepted>> answer = new AtomicReference<>();
        listener.acceptScript = condition -> {
            WspResult<Accepted> r = listener.acceptFromEmptyBacklog(); // the listener is in blocking mode
            answer.set(r);
            acceptReturned.countDown();
            return r;
        };

        assertTrue(start().isPending());

        assertTrue(acceptReturned.await(10, TimeUnit.SECONDS),
                "the worker parked in a blocking accept, where no cancel reaches it");
        assertEquals(WsaError.WSAEWOULDBLOCK, answer.get().error());
        assertTrue(provider.waiting.await(10, TimeUnit.SECONDS), "the worker went back to its select");
        assertTrue(listener.core().cancelIo(ov).isOk());
        assertEquals("WSA_OPERATION_ABORTED", completions.poll(10, TimeUnit.SECONDS));
        assertTrue(provider.left.await(10, TimeUnit.SECONDS), "the cancel ended the worker's select");
    }

    private WspResult<Integer> start() {
        WspResult<Integer> r = acceptEx.acceptEx(listener, slot, ByteBuffer.allocate(2 * SLOT), 0, SLOT, SLOT, ov);
        assertNotNull(r);
        return r;
    }

    /** The accept handle's slot: which socket it names. */
    private static final class Slot implements SocketSlot {
        final AtomicReference<WspSocket> socket;

        Slot(WspSocket first) {
            socket = new AtomicReference<>(first);
        }

        @Override
        public WspSocket socket() {
            return socket.get();
        }

        @Override
        public void replace(WspSocket replacement) {
            socket.set(replacement);
        }

        @Override
        public void awaitContext(SockOpt<?> contextOption) {
        }
    }

    /**
     * A provider whose select finds every socket ready at once {@code readyAnswers} times, then waits until the
     * worker is interrupted (an abort) or a bound passes.
     */
    private static final class ScriptedSelect implements WspProvider {
        final AtomicInteger readyAnswers = new AtomicInteger(Integer.MAX_VALUE);
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch left = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public WspResult<StartupReply> startup(WsaVersion requested, Upcalls upcalls) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }

        @Override
        public WspResult<Void> cleanup() {
            return WspResult.ok();
        }

        @Override
        public WspResult<WspSocket> socket(ProtocolInfo info, int addressFamily, int socketType, int protocol,
                                           int flags) {
            return WspResult.fail(WsaError.WSAEOPNOTSUPP);
        }

        @Override
        public WspResult<SelectSets> select(SelectSets sets, long timeoutNanos) {
            if (readyAnswers.getAndDecrement() > 0) {
                return WspResult.ok(sets);
            }
            waiting.countDown();
            try {
                return never.await(30, TimeUnit.SECONDS) ? WspResult.ok(sets) : WspResult.fail(WsaError.WSAENETDOWN);
            } catch (InterruptedException e) {
                return WspResult.fail(WsaError.WSAEINTR);
            } finally {
                left.countDown();
            }
        }
    }
}

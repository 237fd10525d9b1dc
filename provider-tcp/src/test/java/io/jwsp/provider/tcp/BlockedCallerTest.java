package io.jwsp.provider.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.provider.tcp.support.TestEvent;
import io.jwsp.provider.tcp.support.TestUpcalls;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads blocked in recv or accept on a socket another thread closes return WSAEINTR (DESIGN.md decisions);
 * pending overlapped operations complete with WSA_OPERATION_ABORTED through their completion path.
 */
class BlockedCallerTest {

    @Test
    void required_closesocket_blockedRecv_returnsWsaeintr_onTheClockPath() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (TcpHarness h = new TcpHarness(clock); ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                CompletableFuture<WspResult<Integer>> recv = TcpHarness.async(
                        () -> s.recv(new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, null));
                clock.awaitWaiters(1, Duration.ofSeconds(10)); // parked on the clock, waiting for data
                assertTrue(s.closeSocket().isOk());
                assertEquals(WsaError.WSAEINTR, recv.get(10, TimeUnit.SECONDS).error());
                assertEquals(-1, peerSocket.getInputStream().read(), "the peer sees the graceful close");
            }
        }
    }

    @Test
    void required_closesocket_blockedRecv_returnsWsaeintr_onTheDirectPath() throws Exception {
        try (TcpHarness h = TcpHarness.realClock(); ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                CountDownLatch calling = new CountDownLatch(1);
                CompletableFuture<WspResult<Integer>> recv = TcpHarness.async(() -> {
                    calling.countDown();
                    return s.recv(new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, null);
                });
                calling.await();
                // once past the provider's closed check, whether the reader is already inside the kernel's read or
                // about to enter it, the answer is the same: the close happened while it was in the call
                TcpHarness.awaitKernel("the reader inside recv", () -> ((TcpSocket) s).directCallers() == 1);
                assertTrue(s.closeSocket().isOk());
                assertEquals(WsaError.WSAEINTR, recv.get(10, TimeUnit.SECONDS).error());
                assertTrue(s.recv(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, null).is(WsaError.WSAENOTSOCK));
            }
        }
    }

    @Test
    void required_closesocket_blockedAccept_returnsWsaeintr() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (TcpHarness h = new TcpHarness(clock)) {
            WspSocket l = h.socket4();
            l.bind(InetSockAddr.loopback4(0)).value();
            l.listen(5).value();
            CompletableFuture<WspResult<Accepted>> accept = TcpHarness.async(() -> l.accept(null));
            clock.awaitWaiters(1, Duration.ofSeconds(10));
            assertTrue(l.closeSocket().isOk());
            assertEquals(WsaError.WSAEINTR, accept.get(10, TimeUnit.SECONDS).error());
        }
    }

    @Test
    void required_soRcvtimeo_blockedRecv_timesOutOnTheClock() throws Exception {
        VirtualClock clock = new VirtualClock();
        try (TcpHarness h = new TcpHarness(clock); ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                s.setSockOpt(SocketOptions.SO_RCVTIMEO, 5000).value();
                CompletableFuture<WspResult<Integer>> recv = TcpHarness.async(
                        () -> s.recv(new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, null));
                clock.awaitWaiters(1, Duration.ofSeconds(10));
                clock.advance(Duration.ofMillis(4999));
                assertTrue(!recv.isDone());
                clock.advance(Duration.ofMillis(1));
                assertEquals(WsaError.WSAETIMEDOUT, recv.get(10, TimeUnit.SECONDS).error());
                peerSocket.getOutputStream().write(7);
                ByteBuffer b = ByteBuffer.allocate(1);
                assertEquals(1, s.recv(new ByteBuffer[] {b}, 0, null).value(), "still usable after the time-out");
            }
        }
    }

    @Test
    void required_closesocket_pendingOverlappedRecv_completesWithOperationAborted() throws Exception {
        try (TcpHarness h = TcpHarness.realClock(); ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                TestEvent done = new TestEvent();
                Overlapped ov = Overlapped.withEvent(done);
                assertTrue(s.recv(new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, ov).isPending());
                assertTrue(s.closeSocket().isOk());
                assertTrue(done.await(Duration.ofSeconds(10)));
                TestUpcalls.Done d = h.upcalls.completions.poll(10, TimeUnit.SECONDS);
                assertEquals(WsaError.WSA_OPERATION_ABORTED, d.error());
                assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error());
            }
        }
    }

    @Test
    void required_overlappedRecv_completesOnThePollerThread_whenDataArrives() throws Exception {
        try (TcpHarness h = TcpHarness.realClock(); ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                TestEvent done = new TestEvent();
                Overlapped ov = Overlapped.withEvent(done);
                ByteBuffer buf = ByteBuffer.allocate(16);
                assertTrue(s.recv(new ByteBuffer[] {buf}, 0, ov).isPending());
                peerSocket.getOutputStream().write(new byte[] {1, 2, 3});
                assertTrue(done.await(Duration.ofSeconds(10)));
                TestUpcalls.Done d = h.upcalls.completions.poll(10, TimeUnit.SECONDS);
                assertEquals(null, d.error());
                assertEquals(3, d.bytes());
                assertTrue(d.thread().getName().startsWith("jwsp-tcp-poller"), "a selector thread, not one per socket");
                assertTrue(s.closeSocket().isOk());
            }
        }
    }
}

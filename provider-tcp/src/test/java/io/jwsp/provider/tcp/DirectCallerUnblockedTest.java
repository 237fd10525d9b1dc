package io.jwsp.provider.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A thread blocked in a direct accept or recv (the JDK's own blocking call) holds the channel's internal lock that a
 * switch to nonblocking mode waits for. Ending an event association (WSAEventSelect(s, NULL, 0)) and closesocket
 * must never wait for it: both return at once, and the blocked call ends with WSAEINTR at the close (DESIGN:
 * blocked callers return WSAEINTR). Each call runs against a deadline; a hang fails the test instead of the build.
 */
class DirectCallerUnblockedTest {
    private static final long DEADLINE_SECONDS = 10;

    @Test
    void required_endEventSelectAndClose_whileRecvBlockedDirect_returnPromptly() throws Exception {
        try (TcpHarness h = TcpHarness.realClock(); ServerSocket server = TcpHarness.listener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peer = server.accept()) {
                CompletableFuture<WspResult<Integer>> recv = TcpHarness.async(
                        () -> s.recv(new ByteBuffer[] {ByteBuffer.allocate(16)}, 0, null));
                TcpHarness.awaitKernel("the reader inside a direct recv", () -> ((TcpSocket) s).directCallers() == 1);

                assertTrue(within("eventSelect(NULL, 0)", () -> s.eventSelect(null, 0)).isOk());
                assertTrue(within("closesocket", s::closeSocket).isOk());
                assertEquals(WsaError.WSAEINTR, recv.get(DEADLINE_SECONDS, TimeUnit.SECONDS).error());
                assertEquals(-1, peer.getInputStream().read(), "the peer sees the graceful close");
            }
        }
    }

    @Test
    void required_endEventSelectAndClose_whileAcceptBlockedDirect_returnPromptly() throws Exception {
        try (TcpHarness h = TcpHarness.realClock()) {
            WspSocket l = h.socket4();
            l.bind(InetSockAddr.loopback4(0)).value();
            l.listen(5).value();
            CompletableFuture<WspResult<Accepted>> accept = TcpHarness.async(() -> l.accept(null));
            TcpHarness.awaitKernel("the caller inside a direct accept", () -> ((TcpSocket) l).directCallers() == 1);

            assertTrue(within("eventSelect(NULL, 0)", () -> l.eventSelect(null, 0)).isOk());
            assertTrue(within("closesocket", l::closeSocket).isOk());
            assertEquals(WsaError.WSAEINTR, accept.get(DEADLINE_SECONDS, TimeUnit.SECONDS).error());
        }
    }

    /** Runs {@code call} in another thread and answers its result, failing if it does not return by the deadline. */
    private static <T> T within(String what, Supplier<T> call) throws Exception {
        CompletableFuture<T> f = TcpHarness.async(call);
        try {
            return f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " waited for the thread blocked in a direct call", e);
        }
    }
}

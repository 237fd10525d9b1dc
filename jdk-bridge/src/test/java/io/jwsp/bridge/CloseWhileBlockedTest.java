package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WsaException;
import io.jwsp.spi.result.WspResult;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing a socket while another thread is blocked in it, as every blocking server's shutdown does: the close
 * returns, and the blocked call fails as the JDK's sockets fail it ({@link SocketException} "Socket closed"), with
 * the channel's {@link AsynchronousCloseException} and WSAEINTR below it. WSPCloseSocket: "any pending blocking,
 * asynchronous calls issued by any thread in this process are canceled".
 */
class CloseWhileBlockedTest {
    private static final int BOUND_SECONDS = 10;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void closingAListenerEndsABlockedAccept(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider)) {
            ServerSocket server = nio.serverSocketFactory().createServerSocket(0);
            CompletableFuture<Throwable> acceptFailed = new CompletableFuture<>();
            Thread acceptor = Thread.ofPlatform().start(() -> {
                try {
                    server.accept().close();
                    acceptFailed.complete(null);
                } catch (Throwable t) {
                    acceptFailed.complete(t);
                }
            });
            IpProviders.awaitBlockedInProvider(acceptor);
            CompletableFuture.runAsync(() -> close(server)).get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertClosedAsTheJdkSays(acceptFailed.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void closingASocketEndsABlockedRead(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider);
             JwspSelectorProvider nio = JwspSelectorProvider.open(runtime, provider);
             ServerSocket server = nio.serverSocketFactory().createServerSocket(0)) {
            Socket client = nio.socketFactory().createSocket();
            client.connect(server.getLocalSocketAddress());
            try (Socket peer = server.accept()) {
                CompletableFuture<Throwable> readFailed = new CompletableFuture<>();
                Thread reader = Thread.ofPlatform().start(() -> {
                    try {
                        client.getInputStream().read();
                        readFailed.complete(null);
                    } catch (Throwable t) {
                        readFailed.complete(t);
                    }
                });
                IpProviders.awaitBlockedInProvider(reader);
                CompletableFuture.runAsync(() -> close(client)).get(BOUND_SECONDS, TimeUnit.SECONDS);
                assertClosedAsTheJdkSays(readFailed.get(BOUND_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * Below the bridge: WSAEventSelect(s, NULL, 0) on a socket another thread is blocked in accept on returns (it
     * must never wait for the blocked call), and the close after it ends the accept.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jwsp.bridge.IpProviders#names")
    void endingAnEventAssociationDoesNotWaitForABlockedAccept(String provider) throws Exception {
        try (JwspRuntime runtime = IpProviders.runtime(provider)) {
            Winsock ws = runtime.winsock();
            ws.startup(WsaVersion.V2_2);
            try {
                ProtocolInfo entry = runtime.catalog().visibleEntries().stream()
                        .filter(p -> p.addressFamily() == AddressFamily.AF_INET
                                && p.socketType() == SocketType.SOCK_STREAM && p.name().contains(provider))
                        .findFirst().orElseThrow();
                long s = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, entry.protocol(), entry, 0).value();
                assertTrue(ws.bind(s, InetSockAddr.loopback4(0)).isOk());
                assertTrue(ws.listen(s, 5).isOk());
                CompletableFuture<WspResult<Long>> accepted = new CompletableFuture<>();
                Thread acceptor = Thread.ofPlatform().start(() -> accepted.complete(ws.accept(s)));
                IpProviders.awaitBlockedInProvider(acceptor);
                WspResult<Void> ended = CompletableFuture.supplyAsync(() -> ws.eventSelect(s, null, 0))
                        .get(BOUND_SECONDS, TimeUnit.SECONDS);
                assertTrue(ended.isOk(), ended::toString);
                assertTrue(ws.closeSocket(s).isOk());
                WspResult<Long> r = accepted.get(BOUND_SECONDS, TimeUnit.SECONDS);
                assertTrue(r.is(WsaError.WSAEINTR) || r.is(WsaError.WSAENOTSOCK), r::toString);
            } finally {
                ws.cleanup();
            }
        }
    }

    private static void assertClosedAsTheJdkSays(Throwable t) {
        SocketException e = assertInstanceOf(SocketException.class, t);
        assertEquals("Socket closed", e.getMessage());
        AsynchronousCloseException channel = assertInstanceOf(AsynchronousCloseException.class, e.getCause());
        assertEquals(WsaError.WSAEINTR, assertInstanceOf(WsaException.class, channel.getCause()).error());
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

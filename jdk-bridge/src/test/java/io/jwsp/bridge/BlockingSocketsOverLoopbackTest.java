package io.jwsp.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WsaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain java.net code over the loopback provider, through the socket factories and adaptors. */
class BlockingSocketsOverLoopbackTest {
    private final VirtualClock clock = new VirtualClock();
    private JwspRuntime runtime;
    private JwspSelectorProvider nio;

    @BeforeEach
    void start() {
        runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory()).timeSource(clock).build();
        nio = JwspSelectorProvider.open(runtime, "loopback");
    }

    @AfterEach
    void stop() {
        nio.close();
        runtime.close();
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void plainSocketAndServerSocketExchangeDataAndSeeTheGracefulEnd() throws Exception {
        byte[] payload = pattern(200_000);
        try (ServerSocket server = nio.serverSocketFactory().createServerSocket(0)) {
            int port = server.getLocalPort();
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket peer = server.accept(); InputStream in = peer.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = nio.socketFactory().createSocket("127.0.0.1", port)) {
                assertTrue(client.isConnected());
                assertEquals(port, client.getPort());
                OutputStream out = client.getOutputStream();
                out.write(payload);
            }
            assertArrayEquals(payload, received.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void soLingerZeroResetsThePeer_asTheProviderCloseTableSays() throws Exception {
        try (ServerSocket server = nio.serverSocketFactory().createServerSocket(0)) {
            Socket client = nio.socketFactory().createSocket("127.0.0.1", server.getLocalPort());
            try (Socket peer = server.accept()) {
                client.getOutputStream().write(pattern(10));
                client.setSoLinger(true, 0);
                assertEquals(0, client.getSoLinger());
                client.close();
                InputStream in = peer.getInputStream();
                SocketException e = assertThrows(SocketException.class, () -> in.readAllBytes());
                assertEquals("Connection reset", e.getMessage());
                assertInstanceOf(WsaException.class, e.getCause());
                assertEquals(WsaError.WSAECONNRESET, ((WsaException) e.getCause()).error());
            }
        }
    }

    @Test
    void refusedConnectIsAConnectExceptionWithTheWsaErrorAsCause() throws Exception {
        Socket s = nio.socketFactory().createSocket();
        ConnectException e = assertThrows(ConnectException.class,
                () -> s.connect(new InetSocketAddress("127.0.0.1", 9)));
        assertEquals(WsaError.WSAECONNREFUSED, ((WsaException) e.getCause()).error());
        s.close();
    }

    @Test
    void aReadBlockedWhenAnotherThreadClosesEndsWithAsynchronousCloseException() throws Exception {
        try (ServerSocket server = nio.serverSocketFactory().createServerSocket(0);
             Socket client = nio.socketFactory().createSocket("127.0.0.1", server.getLocalPort());
             Socket peer = server.accept()) {
            SocketChannel ch = client.getChannel();
            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    reading.countDown();
                    ch.read(java.nio.ByteBuffer.allocate(16));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            reading.await();
            clock.awaitWaiters(1, Duration.ofSeconds(10)); // the reader is parked inside the provider's recv
            client.close();
            Throwable t = outcome.get(10, TimeUnit.SECONDS);
            assertInstanceOf(AsynchronousCloseException.class, t);
            assertTrue(peer.isConnected());
        }
    }
}

package io.jwsp.layer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.layer.faults.FaultLayer;
import io.jwsp.layer.faults.FaultPlan;
import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fault layer over the real loopback provider, driven through the Winsock-style API. */
class LoopbackFaultsTest {
    private final VirtualClock clock = new VirtualClock();
    private final FaultLayer faults = new FaultLayer(FaultPlan.none());
    private final JwspRuntime runtime = JwspRuntime.builder().provider(new LoopbackProviderFactory())
            .layer(faults).timeSource(clock).build();
    private final Winsock ws = runtime.winsock();
    private long listener;

    @AfterEach
    void close() {
        runtime.close();
    }

    private long stream() {
        return ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, 0).orElseThrow();
    }

    /** [client, accepted]. */
    private long[] connect() {
        ws.startup(WsaVersion.V2_2).orElseThrow();
        listener = stream();
        ws.bind(listener, InetSockAddr.loopback4(0)).orElseThrow();
        ws.listen(listener, 4).orElseThrow();
        long c = stream();
        ws.connect(c, ws.getSockName(listener).orElseThrow()).orElseThrow();
        return new long[] {c, ws.accept(listener).orElseThrow()};
    }

    /** The application: reads to the end and answers the CRC-32 of what it read, or the error that stopped it. */
    private WspResult<Long> checksumToEnd(long s) {
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(100);
        while (true) {
            b.clear();
            WspResult<Integer> r = ws.recv(s, b, 0);
            if (!r.isOk()) {
                return r.retype();
            }
            if (r.value() == 0) {
                return WspResult.ok(crc.getValue());
            }
            crc.update(b.array(), 0, r.value());
        }
    }

    private static long crcOf(byte[]... parts) {
        CRC32 crc = new CRC32();
        for (byte[] p : parts) {
            crc.update(p);
        }
        return crc.getValue();
    }

    private static byte[] block(int seed) {
        byte[] b = new byte[100];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    @Test
    void netDownMidStream_theReaderReportsWsaENetDown() {
        long[] s = connect();
        faults.arm(FaultPlan.on("recv").onAccepted().after(2).fail(WsaError.WSAENETDOWN));
        for (int i = 0; i < 4; i++) {
            ws.send(s[0], ByteBuffer.wrap(block(i)), 0).orElseThrow();
        }
        ws.closeSocket(s[0]).orElseThrow();
        assertTrue(checksumToEnd(s[1]).is(WsaError.WSAENETDOWN));
    }

    @Test
    void resetAtClose_theReaderSeesConnReset_onLoopbacksHardClose() {
        long[] s = connect();
        faults.arm(FaultPlan.on("closeSocket").onCreated().reset());
        ws.send(s[0], ByteBuffer.wrap(block(1)), 0).orElseThrow();
        assertTrue(ws.closeSocket(s[0]).isOk());
        assertTrue(checksumToEnd(s[1]).is(WsaError.WSAECONNRESET));
    }

    @Test
    void droppedSend_changesTheChecksumTheReaderComputes() {
        long[] s = connect();
        faults.arm(FaultPlan.on("send").onCreated().nth(2).drop());
        for (int i = 0; i < 3; i++) {
            assertEquals(100, ws.send(s[0], ByteBuffer.wrap(block(i)), 0).orElseThrow());
        }
        ws.closeSocket(s[0]).orElseThrow();
        long got = checksumToEnd(s[1]).orElseThrow();
        assertEquals(crcOf(block(0), block(2)), got);
        assertTrue(got != crcOf(block(0), block(1), block(2)));
    }

    @Test
    void delayedRecv_waitsOnTheVirtualClock() throws Exception {
        long[] s = connect();
        faults.arm(FaultPlan.on("recv").delay(Duration.ofSeconds(30)));
        ws.send(s[0], ByteBuffer.wrap(block(7)), 0).orElseThrow();
        long start = clock.nanoTime();
        CompletableFuture<WspResult<Integer>> read =
                CompletableFuture.supplyAsync(() -> ws.recv(s[1], ByteBuffer.allocate(100), 0));
        clock.awaitWaiters(1, Duration.ofSeconds(5));
        assertFalse(read.isDone());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(100, read.get(5, TimeUnit.SECONDS).orElseThrow());
        assertEquals(Duration.ofSeconds(30).toNanos(), clock.nanoTime() - start);
    }
}

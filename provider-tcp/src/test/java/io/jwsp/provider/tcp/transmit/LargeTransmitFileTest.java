package io.jwsp.provider.tcp.transmit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.TcpProviderFactory;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.ext.WinsockExtensions;
import io.jwsp.runtime.ext.WinsockTransmitFile;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.IpProtocol;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.ext.transmit.TransmitFileBuffers;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.result.WspResult;
import io.jwsp.testkit.IsolatedRuntime;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 64 MiB file through TransmitFile over the kernel's TCP on 127.0.0.1, read by a plain JDK socket: every byte
 * arrives, in order (SHA-256 of head, file and tail), and TF_DISCONNECT ends the stream. Bounded: a minute at most.
 */
class LargeTransmitFileTest {
    private static final int SIZE = 64 << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void transmitFile_64MiB_arrivesIntactAtAJdkSocket_thenTheEnd() throws Exception {
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        byte[] head = "HEAD\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\nTAIL".getBytes(StandardCharsets.US_ASCII);
        expected.update(head);
        Path path = dir.resolve("big.bin");
        try (FileChannel w = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Random random = new Random(64);
            byte[] chunk = new byte[1 << 20];
            for (int at = 0; at < SIZE; at += chunk.length) {
                random.nextBytes(chunk);
                expected.update(chunk);
                ByteBuffer b = ByteBuffer.wrap(chunk);
                while (b.hasRemaining()) {
                    w.write(b);
                }
            }
        }
        expected.update(tail);

        try (IsolatedRuntime rt = IsolatedRuntime.builder().provider(new TcpProviderFactory()).virtualClock(false)
                .start();
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            Winsock ws = rt.winsock();
            long s = ws.socket(AddressFamily.AF_INET, SocketType.SOCK_STREAM, IpProtocol.IPPROTO_TCP).value();
            assertTrue(ws.connect(s, InetSockAddr.loopback4(server.getLocalPort())).isOk());
            try (Socket peer = server.accept()) {
                CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> digestToEnd(peer));
                WinsockTransmitFile tf = ws.extensionFunction(s, WinsockExtensions.TRANSMIT_FILE).value();
                Overlapped ov = Overlapped.withEvent(ws.createEvent());
                WspResult<Integer> r = tf.transmitFile(s, file, 0, 0, ov,
                        new TransmitFileBuffers(ByteBuffer.wrap(head), ByteBuffer.wrap(tail)),
                        TransmitFlags.TF_DISCONNECT);
                assertTrue(r.isOk() || r.isPending(), r::toString);
                WspResult<Integer> done = ws.getOverlappedResult(s, ov, true);
                assertEquals(WspResult.ok(head.length + SIZE + tail.length), done, "the transmit's bytes");
                assertEquals(HexFormat.of().formatHex(expected.digest()), received.get(50, TimeUnit.SECONDS),
                        "SHA-256 of what the JDK socket read up to the end of the stream");
            }
            assertTrue(ws.closeSocket(s).isOk());
        }
    }

    private static String digestToEnd(Socket peer) {
        try (InputStream in = peer.getInputStream()) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[1 << 16];
            for (int n = in.read(b); n >= 0; n = in.read(b)) {
                d.update(b, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

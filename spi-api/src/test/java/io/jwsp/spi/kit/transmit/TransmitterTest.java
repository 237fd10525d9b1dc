package io.jwsp.spi.kit.transmit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.event.WspEvent;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.ext.transmit.TransmitElement;
import io.jwsp.spi.ext.transmit.TransmitFileBuffers;
import io.jwsp.spi.ext.transmit.TransmitPackets;
import io.jwsp.spi.ext.connect.TransmitFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's TransmitFile / TransmitPackets engine on a recording send path: order, cuts, offsets, aborts, checks. */
class TransmitterTest {
    private static final int FILE_SIZE = 10_000;

    @TempDir
    Path dir;
    private byte[] content;
    private FileChannel file;

    @BeforeEach
    void makeFile() throws IOException {
        content = new byte[FILE_SIZE];
        new Random(19).nextBytes(content);
        Path p = dir.resolve("data.bin");
        Files.write(p, content);
        file = FileChannel.open(p, StandardOpenOption.READ);
    }

    @AfterEach
    void closeFile() throws IOException {
        file.close();
    }

    /** A manual-reset event the test waits on with a deadline. */
    private static final class Latched implements WspEvent {
        private final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void set() {
            latch.countDown();
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean isSet() {
            return latch.getCount() == 0;
        }

        void await() throws InterruptedException {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the transmit completed within 10 s");
        }
    }

    private static Overlapped issued(Overlapped ov) {
        assertTrue(ov.begin(Thread.currentThread()));
        return ov;
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    /** The engine on {@code s}, TF_DISCONNECT as shutdown(SD_SEND). */
    private static Engine transmitter(FakeSendSocket s) {
        Transmitter t = new Transmitter(s.core, s);
        ShutdownDisconnect end = new ShutdownDisconnect(s.core, s);
        return new Engine() {
            @Override
            public WspResult<Integer> transmitFile(FileChannel f, long n, long per, Overlapped ov,
                                                   TransmitFileBuffers b, int flags) {
                return t.transmitFile(f, n, per, ov, b, flags, end);
            }

            @Override
            public WspResult<Integer> transmitPackets(List<TransmitElement> e, long size, Overlapped ov, int flags) {
                return t.transmitPackets(e, size, ov, flags, end);
            }
        };
    }

    /** The two calls as the tests make them. */
    private interface Engine {
        WspResult<Integer> transmitFile(FileChannel f, long n, long per, Overlapped ov, TransmitFileBuffers b,
                                        int flags);

        WspResult<Integer> transmitPackets(List<TransmitElement> e, long size, Overlapped ov, int flags);
    }

    @Test
    void transmitFile_blocking_sendsHeadFileTailInOrder_andAdvancesTheChannel() throws IOException {
        FakeSendSocket s = new FakeSendSocket(false);
        ByteBuffer head = text("HEAD");
        WspResult<Integer> r = transmitter(s).transmitFile(file, 0, 0, null,
                new TransmitFileBuffers(head, text("TAIL")), 0);
        assertEquals(WspResult.ok(FILE_SIZE + 8), r);
        assertArrayEquals(concat("HEAD".getBytes(StandardCharsets.US_ASCII), content,
                "TAIL".getBytes(StandardCharsets.US_ASCII)), s.stream());
        assertEquals(0, head.position(), "the caller's head buffer keeps its position");
        assertEquals(FILE_SIZE, file.position(), "without a record the channel's position moves past the file");
        assertEquals(0, s.core.transmissions().size(), "nothing left registered");
    }

    @Test
    void transmitFile_overlapped_startsAtTheRecordsOffset_sendsTheCountAsked_inSendsOfTheSizeAsked()
            throws Exception {
        FakeSendSocket s = new FakeSendSocket(false);
        Latched done = new Latched();
        Overlapped ov = issued(Overlapped.withEvent(done).offset(100));
        WspResult<Integer> r = transmitter(s).transmitFile(file, 1000, 300, ov, null, 0);
        assertEquals(WspResult.ok(1000), r, "sent at once: the answer is the success");
        done.await();
        assertEquals(1000, ov.bytesTransferred());
        assertEquals(List.of(300, 300, 300, 100), s.sends.stream().map(b -> b.length).toList());
        assertArrayEquals(Arrays.copyOfRange(content, 100, 1100), s.stream());
        assertEquals(0, file.position(), "with a record the channel's position is not used");
    }

    @Test
    void transmitPackets_messages_eopAndSendSizeCutTheDatagrams() {
        FakeSendSocket s = new FakeSendSocket(true);
        List<TransmitElement> elements = List.of(
                new TransmitElement.Memory(text("ab"), false),
                new TransmitElement.Memory(text("cde"), true),
                new TransmitElement.FileRegion(file, 10, 4, false),
                new TransmitElement.Memory(text("f"), true));
        Engine t = transmitter(s);
        assertTrue(t.transmitPackets(elements, TransmitPackets.SEND_SIZE_BY_EOP, null, 0).isOk());
        assertEquals(List.of("abcde", "file+f"), names(s, 10));
        s.sends.clear();
        assertTrue(t.transmitPackets(elements, 0, null, 0).isOk());
        assertEquals(List.of("ab", "cde", "file", "f"), names(s, 10), "the default: one datagram per element");
        s.sends.clear();
        assertTrue(t.transmitPackets(elements, 4, null, 0).isOk());
        assertEquals(List.of("abcd", "e", "file", "f"), names(s, 10), "at most 4 bytes, and EOP ends one");
    }

    /** Each datagram as text, the 4 file bytes at {@code fileOffset} written "file". */
    private List<String> names(FakeSendSocket s, int fileOffset) {
        String fileText = new String(content, fileOffset, 4, StandardCharsets.ISO_8859_1);
        return s.sends.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1).replace(fileText, "file+")
                .replaceAll("\\+$", "")).toList();
    }

    @Test
    void cancelIoEx_duringATransmit_abortsItWithTheBytesSentSoFar() throws Exception {
        FakeSendSocket s = new FakeSendSocket(false);
        s.pend = true;
        Latched done = new Latched();
        Overlapped ov = issued(Overlapped.withEvent(done));
        assertTrue(transmitter(s).transmitFile(file, 0, 1000, ov, null, 0).isPending());
        deliverAndAwaitNext(s);
        deliverAndAwaitNext(s);
        assertTrue(s.core.cancelIo(ov).isOk(), "CancelIoEx finds the transmit by its record");
        done.await();
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error());
        assertEquals(2000, ov.bytesTransferred(), "the bytes of the two sends that went");
        assertEquals(0, s.pendingSends(), "its step left the send queue");
        assertEquals(WsaError.WSA_INVALID_PARAMETER, s.core.cancelIo(ov).error(), "nothing pending under it any more");
    }

    @Test
    void close_duringATransmit_abortsItWithTheBytesSentSoFar() throws Exception {
        FakeSendSocket s = new FakeSendSocket(false);
        s.pend = true;
        Latched done = new Latched();
        Overlapped ov = issued(Overlapped.withEvent(done));
        assertTrue(transmitter(s).transmitFile(file, 0, 4096, ov, new TransmitFileBuffers(text("H"), null), 0)
                .isPending());
        deliverAndAwaitNext(s);
        s.closeSocket();
        done.await();
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error());
        assertEquals(4096, ov.bytesTransferred());
        assertEquals(0, s.core.transmissions().size());
    }

    @Test
    void closeBetweenTwoSends_theRefusedNextSend_isWsaOperationAborted() throws Exception {
        FakeSendSocket s = new FakeSendSocket(false);
        s.pend = true;
        Latched done = new Latched();
        Overlapped ov = issued(Overlapped.withEvent(done));
        assertTrue(transmitter(s).transmitFile(file, 0, 1000, ov, null, 0).isPending());
        s.lock.lock();
        try {
            s.core.status().moveTo(SocketState.CLOSING); // the close has begun; the first send is still queued
        } finally {
            s.lock.unlock();
        }
        assertTrue(s.deliverOne(), "the first send goes");
        done.await();
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error(), "the next send's WSAENOTSOCK is the close's abort");
        assertEquals(1000, ov.bytesTransferred());
    }

    @Test
    void blockingTransmit_endsWithWsaeintr_whenTheSocketCloses() throws Exception {
        FakeSendSocket s = new FakeSendSocket(false);
        s.pend = true;
        AtomicReference<WspResult<Integer>> answer = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> answer.set(transmitter(s).transmitFile(file, 0, 0, null,
                null, 0)));
        awaitPending(s);
        s.closeSocket();
        caller.join(10_000);
        assertEquals(WsaError.WSAEINTR, answer.get().error(), "a blocked caller whose socket closes: WSAEINTR");
        await(s, () -> s.core.transmissions().size() == 0, "the aborted transmit ended and left the registry");
    }

    private static void deliverAndAwaitNext(FakeSendSocket s) throws InterruptedException {
        assertTrue(s.deliverOne(), "a send was pending");
        awaitPending(s);
    }

    /** Waits (10 s at most) until the transmit's next step is on the send queue. */
    private static void awaitPending(FakeSendSocket s) throws InterruptedException {
        await(s, () -> !s.core.sends().isEmpty(), "the next send was issued");
    }

    /** Waits, 10 s at most, for {@code done}, re-checked at every change the socket signals. */
    private static void await(FakeSendSocket s, BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        s.lock.lock();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, what + " within 10 s");
                s.core.changed().awaitNanos(left);
            }
        } finally {
            s.lock.unlock();
        }
    }

    @Test
    void tfDisconnect_endsTheStreamAfterTheData_andReuseNeedsDisconnectEx() {
        FakeSendSocket s = new FakeSendSocket(false);
        Engine t = transmitter(s);
        assertTrue(t.transmitFile(null, 0, 0, null, new TransmitFileBuffers(text("x"), null),
                TransmitFlags.TF_DISCONNECT).isOk());
        assertEquals(List.of("shutdown(1)"), s.calls);
        assertEquals(WsaError.WSAEOPNOTSUPP, t.transmitFile(file, 0, 0, null, null,
                TransmitFlags.TF_DISCONNECT | TransmitFlags.TF_REUSE_SOCKET).error(),
                "shutdown cannot make a socket reusable");
        assertEquals(1, s.sends.size(), "refused before a byte of the file went");
    }

    @Test
    void badInput_answersItsErrorCode_sendsNothing_registersNothing() throws IOException {
        FakeSendSocket s = new FakeSendSocket(false);
        Engine t = transmitter(s);
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 0, 0, null, null, 0x40).error(), "unknown flag");
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 0, 0, null, null, TransmitFlags.TF_REUSE_SOCKET)
                .error(), "TF_REUSE_SOCKET without TF_DISCONNECT");
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 0, 0, null, null,
                TransmitFlags.TF_WRITE_BEHIND | TransmitFlags.TF_DISCONNECT).error());
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 0, 0, null, null,
                TransmitFlags.TF_USE_SYSTEM_THREAD | TransmitFlags.TF_USE_KERNEL_APC).error());
        assertEquals(WsaError.WSAEINVAL, t.transmitPackets(List.of(), 0, null, TransmitFlags.TF_WRITE_BEHIND)
                .error(), "TransmitPackets has no TF_WRITE_BEHIND");
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, -1, 0, null, null, 0).error(), "negative count");
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 0, -1, null, null, 0).error(), "negative per-send");
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 1L << 32, 0, null, null, 0).error(), "past a DWORD");
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, FILE_SIZE + 1, 0, null, null, 0).error(),
                "more bytes than the file has");
        Overlapped past = issued(Overlapped.polled().offset(FILE_SIZE + 1));
        assertEquals(WsaError.WSAEINVAL, t.transmitFile(file, 0, 0, past, null, 0).error(), "offset past the end");
        assertEquals(WsaError.WSAEINVAL, t.transmitPackets(List.of(TransmitElement.file(file, -2, 0)), 0, null, 0)
                .error(), "offset below -1");
        assertEquals(WsaError.WSAEINVAL, t.transmitPackets(List.of(TransmitElement.file(file, 0, -5)), 0, null, 0)
                .error(), "negative cLength");
        assertEquals(WsaError.WSAEINVAL, t.transmitPackets(List.of(), -1, null, 0).error(), "negative nSendSize");
        assertEquals(WsaError.WSAEFAULT, t.transmitPackets(null, 0, null, 0).error(), "no array");
        assertEquals(WsaError.WSAEFAULT, t.transmitPackets(Arrays.asList((TransmitElement) null), 0, null, 0)
                .error(), "a null element");
        assertEquals(WsaError.WSAEFAULT, t.transmitPackets(List.of(TransmitElement.memory(null)), 0, null, 0)
                .error(), "a null buffer");
        assertEquals(WsaError.WSA_INVALID_HANDLE, t.transmitPackets(List.of(TransmitElement.file(null, 0, 0)), 0,
                null, 0).error(), "a null channel");
        try (FileChannel writeOnly = FileChannel.open(dir.resolve("w.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            assertEquals(WsaError.WSA_INVALID_HANDLE, t.transmitFile(writeOnly, 0, 0, null, null, 0).error(),
                    "a channel that cannot be read");
        }
        file.close();
        assertEquals(WsaError.WSA_INVALID_HANDLE, t.transmitFile(file, 0, 0, null, null, 0).error(), "closed file");
        s.connected = false;
        assertEquals(WsaError.WSAENOTCONN, t.transmitFile(null, 0, 0, null, null, 0).error(), "not connected");
        FakeSendSocket dgram = new FakeSendSocket(true);
        assertEquals(WsaError.WSAEOPNOTSUPP, transmitter(dgram).transmitFile(null, 0, 0, null, null, 0).error(),
                "TransmitFile on a datagram socket");
        assertEquals(WsaError.WSAEINVAL, transmitter(dgram).transmitPackets(List.of(), 0, null,
                TransmitFlags.TF_DISCONNECT).error(), "TF_DISCONNECT on a datagram socket");
        assertTrue(s.sends.isEmpty() && dgram.sends.isEmpty(), "nothing was sent");
        assertEquals(0, s.core.transmissions().size() + dgram.core.transmissions().size());
    }
}

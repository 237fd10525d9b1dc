package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.runtime.ext.WinsockExtensions;
import io.jwsp.runtime.ext.WinsockTransmitFile;
import io.jwsp.runtime.ext.WinsockTransmitPackets;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.ext.ExtensionGuids;
import io.jwsp.spi.ext.connect.TransmitFlags;
import io.jwsp.spi.ext.transmit.TransmitElement;
import io.jwsp.spi.ext.transmit.TransmitFileBuffers;
import io.jwsp.spi.ext.transmit.TransmitPackets;
import io.jwsp.spi.io.Completion;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.Received;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TransmitFile and TransmitPackets (mswsock.h's extension functions, obtained through
 * SIO_GET_EXTENSION_FUNCTION_POINTER): what the peer receives (checked by SHA-256), head and tail, partial counts,
 * per-send sizes and the record's file offset, TF_DISCONNECT and TF_REUSE_SOCKET, a close or CancelIoEx during a
 * large transmit, and bad input. A case is skipped when the entry under test does not list the function (the
 * catalog says what the provider offers), with the reason.
 */
public abstract class TransmitContract extends DisconnectExContract {
    private final List<FileChannel> files = new ArrayList<>();
    private final List<Path> paths = new ArrayList<>();

    @AfterEach
    final void deleteTransmitFiles() throws IOException {
        for (FileChannel f : files) {
            f.close();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    // ---- fixtures

    /** A file of {@code size} bytes, the TCK's payload from stream offset 0, open for reading. */
    private FileChannel file(int size) {
        try {
            Path p = Files.createTempFile("jwsp-transmit", ".bin");
            paths.add(p);
            try (FileChannel w = FileChannel.open(p, StandardOpenOption.WRITE)) {
                int chunk = 1 << 20;
                for (int at = 0; at < size; at += chunk) {
                    ByteBuffer b = Payload.at(at, Math.min(chunk, size - at));
                    while (b.hasRemaining()) {
                        w.write(b);
                    }
                }
            }
            FileChannel r = FileChannel.open(p, StandardOpenOption.READ);
            files.add(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WinsockTransmitFile transmitFile(long s) {
        return function(s, WinsockExtensions.TRANSMIT_FILE);
    }

    private WinsockTransmitPackets transmitPackets(long s) {
        return function(s, WinsockExtensions.TRANSMIT_PACKETS);
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** The payload bytes of stream offsets {@code from} to {@code from + length}: what the file holds there. */
    private static byte[] payload(long from, int length) {
        return bytes(Payload.at(from, length));
    }

    /** Reads exactly {@code count} bytes of {@code s} (blocking) and answers their SHA-256. */
    private String readDigest(long s, long count) {
        setBlocking(s, true);
        return settle("reading " + count + " bytes", () -> {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            long got = 0;
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            while (got < count) {
                b.clear().limit((int) Math.min(b.capacity(), count - got));
                int n = ok(ws.recv(s, b, 0), "recv after " + got + " of " + count + " bytes");
                assertTrue(n > 0, "the stream ended after " + got + " of " + count + " bytes");
                d.update(b.flip());
                got += n;
            }
            return HexFormat.of().formatHex(d.digest());
        });
    }

    // ---- TransmitFile

    @Test
    @DisplayName("TransmitFile: head, the whole file and tail arrive in order and intact (SHA-256); the call answers the total")
    public void required_transmitFile_headFileTail_arriveInOrderIntact() {
        Connection c = connect();
        WinsockTransmitFile tf = transmitFile(c.client());
        int size = 40_000;
        FileChannel f = file(size);
        byte[] head = "HEAD: jwsp TransmitFile\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\nTAIL".getBytes(StandardCharsets.US_ASCII);
        TransmitFileBuffers buffers = new TransmitFileBuffers(ByteBuffer.wrap(head), ByteBuffer.wrap(tail));
        BackgroundCall<WspResult<Integer>> call = inBackground("TransmitFile",
                () -> tf.transmitFile(c.client(), f, 0, 0, null, buffers, 0));
        long total = head.length + size + tail.length;
        assertEquals(sha256(head, payload(0, size), tail), readDigest(c.accepted(), total),
                "the peer's bytes: head, file, tail");
        assertEquals(total, (long) ok(settle(call, "TransmitFile"), "TransmitFile"), "TransmitFile's answer");
    }

    @Test
    @DisplayName("TransmitFile overlapped: the record's Offset, a partial count and a per-send size send exactly that region")
    public void required_transmitFile_offsetCountAndPerSendSize_sendThatRegion() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        WinsockTransmitFile tf = transmitFile(c.client());
        FileChannel f = file(60_000);
        Overlapped ov = withEvent().offset(1_000);
        WspResult<Integer> r = atOnce("TransmitFile", () -> tf.transmitFile(c.client(), f, 20_000, 3_000, ov, null, 0));
        assertTrue(r.isOk() || r.isPending(), "TransmitFile answered " + describe(r));
        assertEquals(sha256(payload(1_000, 20_000)), readDigest(c.accepted(), 20_000),
                "the peer's bytes: 20,000 from offset 1,000");
        assertEquals(WspResult.ok(20_000), completed(c.client(), ov, "TransmitFile"), "bytes transferred");
        assertNothingMore(c.accepted(), "nothing beyond the count");
    }

    @Test
    @DisplayName("TransmitFile TF_DISCONNECT: the peer reads every byte, then the end of the connection")
    public void required_transmitFile_tfDisconnect_peerSeesTheEnd() {
        Connection c = connect();
        WinsockTransmitFile tf = transmitFile(c.client());
        int size = 30_000;
        FileChannel f = file(size);
        BackgroundCall<WspResult<Integer>> call = inBackground("TransmitFile(TF_DISCONNECT)",
                () -> tf.transmitFile(c.client(), f, 0, 0, null, null, TransmitFlags.TF_DISCONNECT));
        StreamEnd end = readAll(c.accepted(), 0);
        assertEquals((long) size, (long) ok(settle(call, "TransmitFile"), "TransmitFile(TF_DISCONNECT)"));
        assertTrue(end.intact() && end.bytes() == size, "the peer read " + end + ", expected " + size + " bytes");
        assertTrue(end.is(put.gracefulEndSeenByPeer()), "after TF_DISCONNECT the peer should see "
                + put.gracefulEndSeenByPeer() + ", saw " + end);
    }

    @Test
    @DisplayName("TransmitFile TF_REUSE_SOCKET: with DisconnectEx the peer sees the end and the handle connects again; without, WSAEOPNOTSUPP before a byte is sent")
    public void required_transmitFile_tfReuseSocket_reusableOrRefusedUpFront() {
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        WinsockTransmitFile tf = transmitFile(c.client());
        FileChannel f = file(10_000);
        Overlapped ov = withEvent();
        WspResult<Integer> r = atOnce("TransmitFile(TF_DISCONNECT | TF_REUSE_SOCKET)", () -> tf.transmitFile(
                c.client(), f, 0, 0, ov, null, TransmitFlags.TF_DISCONNECT | TransmitFlags.TF_REUSE_SOCKET));
        if (!entryInUse(put.streamEntry()).hasExtensionFunction(ExtensionGuids.WSAID_DISCONNECTEX)) {
            // no DisconnectEx: TF_DISCONNECT is shutdown(SD_SEND), which cannot make a socket reusable
            fails(WsaError.WSAEOPNOTSUPP, r, "TF_REUSE_SOCKET without DisconnectEx");
            assertNothingMore(c.accepted(), "the refused transmit sent nothing");
            return;
        }
        assertTrue(r.isOk() || r.isPending(), "TransmitFile answered " + describe(r));
        StreamEnd end = readAll(c.accepted(), 0);
        assertEquals(WspResult.ok(10_000), completed(c.client(), ov, "TransmitFile(TF_REUSE_SOCKET)"));
        assertTrue(end.intact() && end.bytes() == 10_000, "the peer read " + end);
        SockAddr address = ok(ws.getSockName(c.listener()), "getsockname(listener)");
        BackgroundCall<WspResult<Void>> again = inBackground("connect again", () -> ws.connect(c.client(), address));
        long second = track(ok(settle("accept", () -> ws.accept(c.listener())), "accept"));
        ok(settle(again, "connect with the reused socket"), "connect with the reused socket");
        send(c.client(), 0, 100);
        readExactly(second, 0, 100);
    }

    // ---- TransmitPackets

    @Test
    @DisplayName("TransmitPackets: memory and file elements arrive in order and intact (SHA-256)")
    public void required_transmitPackets_elementsArriveInOrderIntact() {
        Connection c = connect();
        WinsockTransmitPackets tp = transmitPackets(c.client());
        FileChannel f = file(50_000);
        byte[] first = "first element ".getBytes(StandardCharsets.US_ASCII);
        byte[] last = " last element".getBytes(StandardCharsets.US_ASCII);
        List<TransmitElement> elements = List.of(
                new TransmitElement.Memory(ByteBuffer.wrap(first), false),
                new TransmitElement.FileRegion(f, 10_000, 20_000, true),
                new TransmitElement.FileRegion(f, 0, 5_000, false),
                new TransmitElement.Memory(ByteBuffer.wrap(last), true));
        long total = first.length + 25_000 + last.length;
        BackgroundCall<WspResult<Integer>> call = inBackground("TransmitPackets",
                () -> tp.transmitPackets(c.client(), elements, 0, null, 0));
        assertEquals(sha256(first, payload(10_000, 20_000), payload(0, 5_000), last),
                readDigest(c.accepted(), total), "the peer's bytes, element after element");
        assertEquals(total, (long) ok(settle(call, "TransmitPackets"), "TransmitPackets"));
    }

    @Test
    @DisplayName("TransmitPackets on a connected datagram socket: with nSendSize 0xFFFFFFFF each TP_ELEMENT_EOP ends a datagram")
    public void optional_transmitPackets_datagram_eachEopEndsADatagram() {
        ProtocolInfo entry = requiresDatagramEntry();
        long d = openDatagram(entry);
        long peer = openDatagram(entry);
        ok(ws.bind(d, put.listenAddress()), "bind");
        ok(ws.bind(peer, put.listenAddress()), "bind(peer)");
        ok(ws.connect(d, ok(ws.getSockName(peer), "getsockname(peer)")), "connect(datagram)");
        requires(entryInUse(entry).hasExtensionFunction(ExtensionGuids.WSAID_TRANSMITPACKETS),
                "no TransmitPackets on " + entry.name() + " (its catalog entry does not list it)");
        WinsockTransmitPackets tp = ok(ws.extensionFunction(d, WinsockExtensions.TRANSMIT_PACKETS),
                "extensionFunction(TransmitPackets) on a datagram socket");
        FileChannel f = file(1_000);
        List<TransmitElement> elements = List.of(
                new TransmitElement.Memory(ByteBuffer.wrap(new byte[] {1, 2}), false),
                new TransmitElement.Memory(ByteBuffer.wrap(new byte[] {3, 4, 5}), true),
                new TransmitElement.FileRegion(f, 100, 300, false),
                new TransmitElement.Memory(ByteBuffer.wrap(new byte[] {6}), true));
        assertEquals(306, (int) ok(atOnce("TransmitPackets", () -> tp.transmitPackets(d, elements,
                TransmitPackets.SEND_SIZE_BY_EOP, null, 0)), "TransmitPackets(datagram)"));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, datagram(peer), "the first datagram: up to the first EOP");
        byte[] second = Arrays.copyOf(payload(100, 300), 301);
        second[300] = 6;
        assertArrayEquals(second, datagram(peer), "the second datagram: the file region and the last element");
        fails(WsaError.WSAEINVAL, tp.transmitPackets(d, elements, 0, null, TransmitFlags.TF_DISCONNECT),
                "TF_DISCONNECT on a datagram socket");
    }

    private byte[] datagram(long s) {
        setBlocking(s, true);
        ByteBuffer b = ByteBuffer.allocate(2_048);
        Received r = ok(settle("recvfrom", () -> ws.recvFrom(s, b, 0)), "recvfrom");
        return Arrays.copyOf(b.array(), r.bytes());
    }

    // ---- a close or a cancel during a large transmit

    /** A transmit of a file far larger than the pair's buffers, to a peer that does not read: pending. */
    private Overlapped stalledTransmit(Connection c, WinsockTransmitFile tf, int size) {
        FileChannel f = file(size);
        Overlapped ov = withEvent();
        WspResult<Integer> r = atOnce("TransmitFile", () -> tf.transmitFile(c.client(), f, 0, 0, ov, null, 0));
        assertTrue(r.isPending(), "a " + size + "-byte transmit to a peer that does not read should pend, answered "
                + describe(r));
        return ov;
    }

    private static final int LARGE = 24 << 20;

    @Test
    @DisplayName("CancelIoEx during a large TransmitFile: WSA_OPERATION_ABORTED with the bytes sent so far, which the peer reads; the socket stays open")
    public void required_transmitFile_cancelIoEx_abortsWithTheBytesSoFar() {
        requiresFlowControl();
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        WinsockTransmitFile tf = transmitFile(c.client());
        Overlapped ov = stalledTransmit(c, tf, LARGE);
        ok(atOnce("CancelIoEx", () -> ws.cancelIoEx(c.client(), ov)), "CancelIoEx(the transmit's record)");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, completed(c.client(), ov, "the cancelled transmit").error(),
                "the cancelled transmit's status");
        int sofar = ov.bytesTransferred();
        assertTrue(sofar >= 0 && sofar < LARGE, "bytes so far: " + sofar);
        assertEquals(sha256(payload(0, sofar)), readDigest(c.accepted(), sofar),
                "the peer reads exactly the bytes the completion counted, intact");
        assertNothingMore(c.accepted(), "and nothing more");
        send(c.client(), sofar, 100);
        readExactly(c.accepted(), sofar, 100);
    }

    @Test
    @DisplayName("closesocket during a large TransmitFile: WSA_OPERATION_ABORTED with the bytes sent so far")
    public void required_transmitFile_closeDuringTransmit_abortsWithTheBytesSoFar() {
        requiresFlowControl();
        Connection c = connect(WspProvider.WSA_FLAG_OVERLAPPED);
        WinsockTransmitFile tf = transmitFile(c.client());
        Overlapped ov = stalledTransmit(c, tf, LARGE);
        ok(ws.setSockOpt(c.client(), SocketOptions.SO_DONTLINGER, true), "SO_DONTLINGER");
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket during the transmit");
        awaitEvent(((Completion.Event) ov.completion()).event(), "the transmit aborted by the close");
        assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error(), "the aborted transmit's status (the handle is gone)");
        int sofar = ov.bytesTransferred();
        assertTrue(sofar >= 0 && sofar < LARGE, "bytes so far: " + sofar);
        StreamEnd end = readAll(c.accepted(), 0);
        assertGracefulEnd(end, sofar);
    }

    // ---- bad input

    @Test
    @DisplayName("TransmitFile bad input answers error codes and sends nothing; a closed handle is WSAENOTSOCK")
    public void required_transmitFile_badInput_isAnErrorCode_andSendsNothing() throws IOException {
        Connection c = connect();
        WinsockTransmitFile tf = transmitFile(c.client());
        FileChannel f = file(1_000);
        long s = c.client();
        fails(WsaError.WSAEINVAL, tf.transmitFile(s, f, 0, 0, null, null, 0x40), "an unknown flag");
        fails(WsaError.WSAEINVAL, tf.transmitFile(s, f, 0, 0, null, null, TransmitFlags.TF_REUSE_SOCKET),
                "TF_REUSE_SOCKET without TF_DISCONNECT");
        fails(WsaError.WSAEINVAL, tf.transmitFile(s, f, -1, 0, null, null, 0), "a negative count");
        fails(WsaError.WSAEINVAL, tf.transmitFile(s, f, 0, -1, null, null, 0), "a negative per-send size");
        fails(WsaError.WSAEINVAL, tf.transmitFile(s, f, 1L << 32, 0, null, null, 0), "a count past a DWORD");
        fails(WsaError.WSAEINVAL, tf.transmitFile(s, f, 1_001, 0, null, null, 0), "more bytes than the file has");
        FileChannel closed = file(10);
        closed.close();
        fails(WsaError.WSA_INVALID_HANDLE, tf.transmitFile(s, closed, 0, 0, null, null, 0), "a closed file");
        long unconnected = open();
        fails(WsaError.WSAENOTCONN, tf.transmitFile(unconnected, f, 0, 0, null, null, 0), "an unconnected socket");
        long gone = open();
        ok(ws.closeSocket(gone), "closesocket");
        fails(WsaError.WSAENOTSOCK, tf.transmitFile(gone, f, 0, 0, null, null, 0), "a closed handle");
        // Nothing of the refused calls went out: the peer reads exactly what one good call sends.
        BackgroundCall<WspResult<Integer>> good = inBackground("TransmitFile",
                () -> tf.transmitFile(s, f, 0, 0, null, null, 0));
        assertOnly(c, good, 1_000);
    }

    @Test
    @DisplayName("TransmitPackets bad input answers error codes and sends nothing; a closed handle is WSAENOTSOCK")
    public void required_transmitPackets_badInput_isAnErrorCode_andSendsNothing() throws IOException {
        Connection c = connect();
        WinsockTransmitPackets tp = transmitPackets(c.client());
        FileChannel f = file(1_000);
        long s = c.client();
        fails(WsaError.WSAEINVAL, tp.transmitPackets(s, List.of(), 0, null, 0x40), "an unknown flag");
        fails(WsaError.WSAEINVAL, tp.transmitPackets(s, List.of(), 0, null, TransmitFlags.TF_WRITE_BEHIND),
                "TF_WRITE_BEHIND, which TransmitPackets does not take");
        fails(WsaError.WSAEINVAL, tp.transmitPackets(s, List.of(), -1, null, 0), "a negative nSendSize");
        fails(WsaError.WSAEINVAL, tp.transmitPackets(s, List.of(TransmitElement.file(f, 0, -1)), 0, null, 0),
                "a negative cLength");
        fails(WsaError.WSAEINVAL, tp.transmitPackets(s, List.of(TransmitElement.file(f, 900, 200)), 0, null, 0),
                "a region past the end of the file");
        fails(WsaError.WSAEFAULT, tp.transmitPackets(s, null, 0, null, 0), "no element array");
        fails(WsaError.WSAEFAULT, tp.transmitPackets(s, Arrays.asList((TransmitElement) null), 0, null, 0),
                "a null element");
        fails(WsaError.WSAEFAULT, tp.transmitPackets(s, List.of(TransmitElement.memory(null)), 0, null, 0),
                "a null buffer");
        fails(WsaError.WSA_INVALID_HANDLE, tp.transmitPackets(s, List.of(TransmitElement.file(null, 0, 0)), 0, null,
                0), "a null file");
        FileChannel closed = file(10);
        closed.close();
        fails(WsaError.WSA_INVALID_HANDLE, tp.transmitPackets(s, List.of(TransmitElement.file(closed, 0, 0)), 0,
                null, 0), "a closed file");
        long unconnected = open();
        fails(WsaError.WSAENOTCONN, tp.transmitPackets(unconnected, List.of(), 0, null, 0), "an unconnected socket");
        long gone = open();
        ok(ws.closeSocket(gone), "closesocket");
        fails(WsaError.WSAENOTSOCK, tp.transmitPackets(gone, List.of(), 0, null, 0), "a closed handle");
        BackgroundCall<WspResult<Integer>> good = inBackground("TransmitPackets",
                () -> tp.transmitPackets(s, List.of(TransmitElement.file(f, 0, 0)), 0, null, 0));
        assertOnly(c, good, 1_000);
    }

    /** Nothing more to read on {@code s}: a nonblocking recv answers WSAEWOULDBLOCK. */
    private void assertNothingMore(long s, String what) {
        setBlocking(s, false);
        fails(WsaError.WSAEWOULDBLOCK, ws.recv(s, ByteBuffer.allocate(16), 0), what);
    }

    /** The peer reads exactly the {@code count} file bytes {@code good} sends, and nothing more. */
    private void assertOnly(Connection c, BackgroundCall<WspResult<Integer>> good, int count) {
        assertEquals(sha256(payload(0, count)), readDigest(c.accepted(), count), "only the good call's bytes");
        assertEquals(count, (int) ok(settle(good, "the good call"), "the good call"));
        assertNothingMore(c.accepted(), "and nothing more");
    }
}

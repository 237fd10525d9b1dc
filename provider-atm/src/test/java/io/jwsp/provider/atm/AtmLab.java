package io.jwsp.provider.atm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One ATM provider on a virtual clock, driven through the contract directly (no runtime): opens sockets, connects
 * pairs by advancing the clock (nonblocking connect, then accept), and reads without blocking.
 */
final class AtmLab implements AutoCloseable {
    /** Long enough on the default timing for every message and cell in flight to arrive. */
    static final Duration SETTLE = Duration.ofMillis(200);

    final VirtualClock clock = new VirtualClock();
    final TestContext context;
    final AtmProvider provider;
    final TestUpcalls upcalls = new TestUpcalls();

    record Pair(AtmSocket client, AtmSocket accepted, AtmSocket listener) {
    }

    AtmLab() {
        this(Map.of());
    }

    AtmLab(Map<String, String> settings) {
        context = new TestContext(clock, new HashMap<>(settings));
        provider = (AtmProvider) new AtmProviderFactory().create(context);
        provider.startup(WsaVersion.V2_2, upcalls).value();
    }

    AtmSocket open() {
        WspSocket s = provider.socket(null, AddressFamily.AF_ATM, SocketType.SOCK_RAW,
                AtmProviderFactory.ATMPROTO_AAL5, 0).value();
        return (AtmSocket) s;
    }

    AtmSockAddr address(int device, int selector) {
        return AtmSockAddr.of(provider.adapters().get(device).address().withSelector(selector));
    }

    AtmSocket listen(AtmSockAddr sap) {
        AtmSocket l = open();
        l.bind(sap).value();
        l.listen(8).value();
        return l;
    }

    /** A client on device 0 connected to a fresh listener on device 1, selector 1. */
    Pair connect() {
        return connect(listen(address(1, 1)));
    }

    Pair connect(AtmSocket listener) {
        AtmSocket client = open();
        nonBlocking(client, true);
        SockAddrHolder.expectWouldBlock(client.connect(listener.getSockName().value()));
        settle();
        nonBlocking(client, false);
        nonBlocking(listener, true);
        AtmSocket accepted = (AtmSocket) listener.accept(null).value().socket();
        nonBlocking(listener, false);
        return new Pair(client, accepted, listener);
    }

    void settle() {
        clock.advance(SETTLE);
    }

    static void nonBlocking(AtmSocket s, boolean on) {
        s.ioctl(IoControls.FIONBIO, on, null).value();
    }

    static int send(AtmSocket s, byte[] pdu) {
        return s.send(new ByteBuffer[] {ByteBuffer.wrap(pdu)}, 0, null).value();
    }

    /** A nonblocking recv into a buffer of {@code capacity} bytes: the result and what was read. */
    record Read(WspResult<Integer> result, byte[] bytes) {
        boolean is(WsaError e) {
            return result.is(e);
        }
    }

    static Read recvNow(AtmSocket s, int capacity) {
        nonBlocking(s, true);
        ByteBuffer b = ByteBuffer.allocate(capacity);
        WspResult<Integer> r = s.recv(new ByteBuffer[] {b}, 0, null);
        s.ioctl(IoControls.FIONBIO, false, null); // WSAEINVAL while event select is active: it stays nonblocking
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new Read(r, out);
    }

    static byte[] pdu(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** Reads PDUs until the socket answers an error; answers how many arrived, checking each one's content. */
    static int readUntilError(AtmSocket s, int length, WsaError expectedEnd) {
        int n = 0;
        while (true) {
            Read r = recvNow(s, 65535);
            if (!r.result().isOk()) {
                assertEquals(expectedEnd, r.result().error(), "how the call ended after " + n + " PDUs");
                return n;
            }
            assertEquals(length, r.bytes().length);
            assertTrue(java.util.Arrays.equals(pdu(length, n), r.bytes()), "PDU " + n + " intact and in order");
            n++;
        }
    }

    @Override
    public void close() {
        provider.cleanup();
    }

    /** Small assertion helpers. */
    static final class SockAddrHolder {
        private SockAddrHolder() {
        }

        static void expectWouldBlock(WspResult<Void> r) {
            assertEquals(WsaError.WSAEWOULDBLOCK, r.error(), "a nonblocking connect answers WSAEWOULDBLOCK");
        }
    }
}

package io.jwsp.reliability.model;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * A loopback stream socket's close state machine, model-checked by Lincheck: nonblocking send, duplicate and
 * closesocket on one connected socket through the runtime's handle table (as the facade does: look the handle up,
 * then call the provider), and a nonblocking recv at the peer, each result checked against a sequential order. After
 * each run the peer is drained: a send that succeeded is never lost (a default close is graceful, so the peer reads
 * every accepted byte, then 0), and the peer sees the end exactly when the last handle is closed.
 */
public class LoopbackCloseLincheckTest {
    private final WspProvider provider;
    private final HandleTable table = new HandleTable();
    private final long handle;
    private final WspSocket peer;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();

    public LoopbackCloseLincheckTest() {
        WspProviderFactory factory = new LoopbackProviderFactory();
        ModelContext context = new ModelContext(Map.of("sendBufferBytes", "2", "receiveBufferBytes", "2"));
        provider = factory.create(context);
        provider.startup(WsaVersion.V2_2, context).value();
        ProtocolInfo entry = factory.protocolEntries().getFirst();
        WspSocket listener = socket(entry);
        listener.bind(InetSockAddr.loopback4(0)).value();
        listener.listen(1).value();
        WspSocket client = socket(entry);
        WspResult<Void> connected = client.connect(listener.getSockName().value());
        if (!connected.isOk()) {
            throw new IllegalStateException("connect answered " + connected.error());
        }
        peer = listener.accept(null).value().socket();
        client.ioctl(IoControls.FIONBIO, Boolean.TRUE, null).value();
        peer.ioctl(IoControls.FIONBIO, Boolean.TRUE, null).value();
        listener.closeSocket().value();
        handle = table.register(new OpenSocket(client, provider, "loopback", Map.of()));
    }

    private WspSocket socket(ProtocolInfo entry) {
        return provider.socket(entry, entry.addressFamily(), entry.socketType(), entry.protocol(), 0).value();
    }

    @Operation
    public String send() {
        HandleTable.Entry e = table.lookup(handle);
        if (e == null) {
            return "WSAENOTSOCK";
        }
        WspResult<Integer> r = e.socket().socket().send(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {7})}, 0, null);
        if (r.isOk()) {
            accepted.addAndGet(r.value());
        }
        return answer(r);
    }

    @Operation
    public String duplicate() {
        WspResult<Long> r = table.duplicate(handle);
        return r.isOk() ? "dup" : r.error().symbol();
    }

    @Operation
    public String close() {
        return answer(table.close(handle, WspSocket::closeSocket));
    }

    @Operation
    public String peerRecv() {
        WspResult<Integer> r = peer.recv(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, null);
        if (r.isOk()) {
            received.addAndGet(r.value());
        }
        return answer(r);
    }

    /** Drains the peer: every accepted byte arrives, and the end shows exactly when no handle is left. */
    @Validate
    public void noAcceptedByteIsLost_andTheEndFollowsTheLastClose() {
        int bytes = received.get();
        WspResult<Integer> r;
        while ((r = peer.recv(new ByteBuffer[] {ByteBuffer.allocate(64)}, 0, null)).isOk() && r.value() > 0) {
            bytes += r.value();
        }
        if (bytes != accepted.get()) {
            throw new AssertionError("the peer read " + bytes + " of the " + accepted.get() + " accepted bytes");
        }
        boolean ended = r.isOk() && r.value() == 0;
        if (ended != (table.openHandles() == 0)) {
            throw new AssertionError("the peer " + (ended ? "saw" : "did not see") + " the end with "
                    + table.openHandles() + " handle(s) open (then " + answer(r) + ")");
        }
    }

    private static String answer(WspResult<?> r) {
        if (r.isOk()) {
            return String.valueOf(r.value());
        }
        if (r.isPending() || r.error() == WsaError.WSASYSCALLFAILURE) {
            throw new AssertionError("a nonblocking call answered " + (r.isPending() ? "pending" : r.error()));
        }
        return r.error().symbol();
    }

    @Test
    void required_loopbackClose_againstSendAndDuplicate_isLinearizable_andLosesNoByte() {
        new ModelCheckingOptions().iterations(Integer.getInteger("model.iterations", 5))
                .invocationsPerIteration(Integer.getInteger("model.invocations", 300)).threads(2).actorsPerThread(3)
                .check(LoopbackCloseLincheckTest.class);
    }
}

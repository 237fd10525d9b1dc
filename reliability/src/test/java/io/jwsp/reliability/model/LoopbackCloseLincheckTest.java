package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.jwsp.provider.loopback.LoopbackProviderFactory;
import io.jwsp.runtime.handle.HandleTable;
import io.jwsp.runtime.handle.OpenSocket;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.WspProvider;
import io.jwsp.spi.WspProviderFactory;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.Map;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * A loopback stream socket's close state machine, model-checked: nonblocking send, duplicate and closesocket on
 * one connected socket (through the runtime's handle table, as the facade does: look the handle up, then call the
 * provider), and a nonblocking recv at the peer. Sequential specification: the same calls one after another. What
 * linearizability pins here: a send that succeeded is never lost (a default close is graceful: the peer reads it,
 * then 0), a send after the close answers WSAENOTSOCK, a duplicate keeps the socket open, and the peer sees the end
 * only after the last handle closed.
 */
public class LoopbackCloseLincheckTest {
    private final HandleTable table = new HandleTable();
    private final long handle;
    private final WspSocket peer;

    public LoopbackCloseLincheckTest() {
        WspProviderFactory factory = new LoopbackProviderFactory();
        ModelContext context = new ModelContext(Map.of("sendBufferBytes", "4", "receiveBufferBytes", "4"));
        WspProvider provider = factory.create(context);
        provider.startup(WsaVersion.V2_2, context).value();
        ProtocolInfo entry = factory.protocolEntries().getFirst();
        WspSocket listener = socket(provider, entry);
        listener.bind(InetSockAddr.loopback4(0)).value();
        listener.listen(1).value();
        SockAddr at = listener.getSockName().value();
        WspSocket client = socket(provider, entry);
        nonBlocking(client);
        WspResult<Void> connected = client.connect(at);
        if (!connected.isOk() && !connected.isFailed()) {
            throw new IllegalStateException("connect answered pending");
        }
        this.peer = listener.accept(null).value().socket();
        nonBlocking(peer);
        listener.closeSocket().value();
        this.handle = table.register(new OpenSocket(client, provider, "loopback", Map.of()));
    }

    private static WspSocket socket(WspProvider p, ProtocolInfo entry) {
        return p.socket(entry, entry.addressFamily(), entry.socketType(), entry.protocol(), 0).value();
    }

    private static void nonBlocking(WspSocket s) {
        s.ioctl(IoControls.FIONBIO, Boolean.TRUE, null).value();
    }

    private static String answer(WspResult<?> r) {
        return r.isOk() ? String.valueOf(r.value()) : r.isPending() ? "pending" : r.error().symbol();
    }

    /** send() through the handle: WSAENOTSOCK for a released handle, else the provider's answer. */
    @Operation
    public String send() {
        HandleTable.Entry e = table.lookup(handle);
        if (e == null) {
            return "WSAENOTSOCK";
        }
        return answer(e.socket().socket().send(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {7})}, 0, null));
    }

    @Operation
    public String duplicate() {
        WspResult<Long> r = table.duplicate(handle);
        return r.isOk() ? "duplicated" : r.error().symbol();
    }

    @Operation
    public String close() {
        return answer(table.close(handle, WspSocket::closeSocket));
    }

    /** The peer's nonblocking recv: bytes read, 0 at the end, or WSAEWOULDBLOCK. */
    @Operation
    public String peerRecv() {
        return answer(peer.recv(new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, null));
    }

    @Test
    void required_loopbackClose_againstSendAndDuplicate_isLinearizable() {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(Integer.getInteger("lincheck.iterations", 25))
                .invocationsPerIteration(Integer.getInteger("lincheck.invocations", 300))
                .threads(2)
                .actorsPerThread(3);
        assertDoesNotThrow(() -> LinChecker.check(LoopbackCloseLincheckTest.class, options));
    }
}

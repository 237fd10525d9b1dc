package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A loopback stream socket's close state machine, model-checked ({@link Interleavings}): nonblocking send,
 * duplicate and closesocket on one connected socket through the runtime's handle table (as the facade does: look the
 * handle up, then call the provider), and a nonblocking recv at the peer. The sequential specification is the same
 * calls one after another; the final observer drains the peer. What this pins: a send that succeeded is never lost
 * (a default close is graceful, so the peer reads it, then 0), a send after the close answers WSAENOTSOCK, a
 * duplicate keeps the socket open, and the peer sees the end only after the last handle closed.
 */
class LoopbackCloseModelTest {
    static final class Model {
        final WspProvider provider;
        final HandleTable table = new HandleTable();
        final long handle;
        final WspSocket peer;

        Model() {
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

        String send() {
            HandleTable.Entry e = table.lookup(handle);
            if (e == null) {
                return "WSAENOTSOCK";
            }
            return answer(e.socket().socket().send(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {7})}, 0, null));
        }

        String duplicate() {
            WspResult<Long> r = table.duplicate(handle);
            return r.isOk() ? "dup" : r.error().symbol();
        }

        String close() {
            return answer(table.close(handle, WspSocket::closeSocket));
        }

        String peerRecv() {
            return answer(peer.recv(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, null));
        }

        /** Drains the peer, then releases everything: the peer's view is the state every order must agree on. */
        String observe() {
            StringBuilder seen = new StringBuilder("peer:");
            int bytes = 0;
            while (true) {
                WspResult<Integer> r = peer.recv(new ByteBuffer[] {ByteBuffer.allocate(64)}, 0, null);
                if (r.isOk() && r.value() > 0) {
                    bytes += r.value();
                    continue;
                }
                seen.append(bytes).append(" then ").append(answer(r));
                break;
            }
            seen.append(" open=").append(table.openHandles());
            for (HandleTable.Entry e : table.entries()) {
                table.close(e.handle(), WspSocket::closeSocket);
            }
            assertEquals(0, table.openHandles(), "handles left after closing every entry");
            peer.closeSocket();
            provider.cleanup();
            return seen.toString();
        }

        private static String answer(WspResult<?> r) {
            if (r.isOk()) {
                return String.valueOf(r.value());
            }
            assertTrue(!r.isPending(), "a call without an overlapped record answered pending");
            assertTrue(r.error() != WsaError.WSASYSCALLFAILURE, "the provider threw");
            return r.error().symbol();
        }
    }

    private static List<Interleavings.Op<Model>> menu() {
        return List.of(
                new Interleavings.Op<>("send", Model::send),
                new Interleavings.Op<>("send", Model::send),
                new Interleavings.Op<>("duplicate", Model::duplicate),
                new Interleavings.Op<>("close", Model::close),
                new Interleavings.Op<>("close", Model::close),
                new Interleavings.Op<>("peerRecv", Model::peerRecv));
    }

    @Test
    void required_loopbackClose_againstSendAndDuplicate_isSequentiallyConsistent() {
        Interleavings<Model> checker = new Interleavings<>(Model::new, Model::observe, menu());
        int scenarios = Integer.getInteger("model.scenarios", 40);
        int runs = Integer.getInteger("model.runs", 150);
        assertEquals(scenarios * runs, checker.check(Long.getLong("model.seed", 20261123L), scenarios, 2, 3, runs));
    }

    /** Send and close at once, then the peer: the byte is either delivered (send first) or refused (close first). */
    @Test
    void required_sendRacingClose_neverLosesAnAcceptedByte() {
        Interleavings<Model> checker = new Interleavings<>(Model::new, Model::observe, menu());
        List<List<Interleavings.Op<Model>>> scenario = List.of(
                List.of(new Interleavings.Op<>("send", Model::send), new Interleavings.Op<>("send", Model::send)),
                List.of(new Interleavings.Op<>("close", Model::close)));
        checker.check(scenario, 11L, 1_500);
        assertTrue(checker.sequentialOutcomes(scenario).stream().allMatch(o -> !o.contains("peer:0 then 0")
                || o.contains("T0[WSAENOTSOCK, WSAENOTSOCK]")), "a sent byte must reach the peer in every order");
    }
}

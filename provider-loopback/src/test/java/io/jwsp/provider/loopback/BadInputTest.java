package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.ok;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every contract call with bad input, in every state, answers a WsaError (or a success) and never throws. */
class BadInputTest {
    private final Loop loop = new Loop();

    private Map<String, WspSocket> socketsInEveryState() {
        Map<String, WspSocket> m = new LinkedHashMap<>();
        m.put("new stream", loop.stream());
        WspSocket bound = loop.stream();
        ok(bound.bind(Loop.local(0)));
        m.put("bound stream", bound);
        m.put("listener", loop.listener());
        Loop.Pair p = loop.pair();
        m.put("client", p.client());
        m.put("accepted", p.server());
        WspSocket closed = loop.stream();
        ok(closed.closeSocket());
        m.put("closed stream", closed);
        m.put("new datagram", loop.datagram());
        WspSocket dbound = loop.datagram();
        ok(dbound.bind(Loop.local(0)));
        m.put("bound datagram", dbound);
        WspSocket dclosed = loop.datagram();
        ok(dclosed.closeSocket());
        m.put("closed datagram", dclosed);
        return m;
    }

    private static List<Function<WspSocket, WspResult<?>>> badCalls() {
        ByteBuffer readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
        List<Function<WspSocket, WspResult<?>>> calls = new ArrayList<>();
        calls.add(s -> s.send(null, 0, null));
        calls.add(s -> s.send(new ByteBuffer[] {null}, 0, null));
        calls.add(s -> s.recv(null, 0, null));
        calls.add(s -> s.recv(new ByteBuffer[] {ByteBuffer.allocate(1), null}, 0, null));
        calls.add(s -> s.recv(new ByteBuffer[] {readOnly}, 0, null));
        calls.add(s -> s.recvFrom(null, 0, Overlapped.polled()));
        calls.add(s -> s.sendTo(null, 0, null, null));
        calls.add(s -> s.sendTo(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, () -> 99, null));
        calls.add(s -> s.bind(null));
        calls.add(s -> s.connect(null));
        calls.add(s -> s.connect(() -> 99));
        calls.add(s -> s.listen(-5));
        calls.add(s -> s.shutdown(42));
        calls.add(s -> s.setSockOpt(SocketOptions.SO_LINGER, null));
        calls.add(s -> s.setSockOpt(null, null));
        calls.add(s -> s.getSockOpt(null));
        calls.add(s -> s.ioctl(null, null, null));
        calls.add(s -> s.ioctl(IoControls.FIONBIO, null, null));
        calls.add(s -> s.eventSelect(null, 0x3f));
        calls.add(s -> s.enumNetworkEvents(null));
        calls.add(s -> s.duplicateSocket(-1));
        calls.add(s -> s.sendDisconnect(ByteBuffer.allocate(3)));
        calls.add(s -> s.recvDisconnect(null));
        calls.add(s -> s.joinLeaf(null, 0));
        calls.add(s -> s.getPeerName());
        calls.add(s -> s.getSockName());
        return calls;
    }

    @Test
    void required_badInput_everyCallInEveryState_answersAnErrorAndNeverThrows() {
        int checked = 0;
        for (Map.Entry<String, WspSocket> e : socketsInEveryState().entrySet()) {
            for (Function<WspSocket, WspResult<?>> call : badCalls()) {
                WspResult<?> r;
                try {
                    r = call.apply(e.getValue());
                } catch (Throwable t) {
                    throw new AssertionError(e.getKey() + ": a contract call threw " + t, t);
                }
                assertNotNull(r, e.getKey() + ": a call answered null");
                if (e.getKey().startsWith("closed")) {
                    fails(WsaError.WSAENOTSOCK, r, e.getKey());
                }
                checked++;
            }
        }
        assertTrue(checked > 200);
    }

    @Test
    void required_badInput_nullBuffers_WSAEFAULT() {
        Loop.Pair p = loop.pair();
        fails(WsaError.WSAEFAULT, p.client().send(null, 0, null));
        fails(WsaError.WSAEFAULT, p.client().recv(null, 0, null));
        fails(WsaError.WSAEFAULT, p.client().send(new ByteBuffer[] {null}, 0, Overlapped.polled()));
        fails(WsaError.WSAEFAULT, p.client().recv(new ByteBuffer[] {ByteBuffer.allocate(1).asReadOnlyBuffer()}, 0,
                null));
        WspSocket d = loop.datagram();
        fails(WsaError.WSAEFAULT, d.sendTo(null, 0, Loop.local(1), null));
        fails(WsaError.WSAEFAULT, d.recvFrom(null, 0, null));
    }

    @Test
    void required_badInput_zeroLengthTransfersAreFine() {
        Loop.Pair p = loop.pair();
        ByteBuffer[] empty = {ByteBuffer.allocate(0)};
        Loop.ok(p.client().send(empty, 0, null));
        Loop.ok(p.server().recv(new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, null));
        Loop.ok(p.client().send(new ByteBuffer[0], 0, null));
    }
}

package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.trace.WireFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames and close records the CLI draws sequence diagrams from. */
class WireTapTest {
    private final Loop loop = new Loop();

    @Test
    void required_wireTap_gracefulConversation_synDataFin() {
        Loop.Pair p = loop.pair();
        io.jwsp.spi.addr.SockAddr client = Loop.name(p.client());
        send(p.client(), 10);
        ok(p.client().closeSocket());
        List<String> kinds = loop.tap.kinds();
        assertEquals(List.of("SYN", "SYN-ACK", "DATA", "FIN"), kinds);
        WireFrame data = loop.tap.frames().get(2);
        assertEquals(10, data.bytes());
        assertEquals(String.valueOf(client), data.from());
        CloseRecord r = loop.tap.lastClose();
        assertEquals("loopback", r.provider());
        assertEquals(Loop.name(p.server()), r.peer());
        assertTrue(r.timeWait());
    }

    @Test
    void required_wireTap_finFollowsQueuedDataOnlyWhenItArrives() {
        Loop.Pair p = loop.smallPair();
        Loop.fill(p.client());
        Loop.nonBlocking(p.client(), false);
        ok(p.client().closeSocket());
        assertTrue(!loop.tap.kinds().contains("FIN"), "the FIN waits behind the queued data");
        Loop.readToEnd(p.server());
        assertEquals("FIN", loop.tap.kinds().getLast());
    }

    @Test
    void required_wireTap_refusedConnectIsSynThenRst() {
        Loop.fails(io.jwsp.spi.result.WsaError.WSAECONNREFUSED, loop.stream().connect(Loop.local(7)));
        assertEquals(List.of("SYN", "RST"), loop.tap.kinds());
    }
}

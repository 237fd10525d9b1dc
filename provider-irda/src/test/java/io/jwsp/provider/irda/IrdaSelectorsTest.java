package io.jwsp.provider.irda;

import static io.jwsp.provider.irda.IrdaBench.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.stack.IrlmpStack;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.result.WsaError;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IrLMP selectors (irda-atm.md A1: LSAP-SEL 0x01..0x6F per device) as a client's connections use them: each
 * outgoing connection holds one on the device it leaves from until the connection has ended, not merely until its
 * socket closed; a device pair therefore carries at most 111 client connections at once; more fail with
 * WSAENOBUFS or leave from another local device in range; a full backlog refuses with WSAECONNREFUSED.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IrdaSelectorsTest {
    private static final int SELECTORS = IrlmpStack.LAST_LSAP - IrlmpStack.FIRST_LSAP + 1;

    private IrdaBench bench;

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    private int device(int index) {
        return bench.space().localDevices().get(index).id();
    }

    private int selectorOf(long s) {
        return ((IrdaSockAddr) ok(bench.ws.getSockName(s))).lsapSelector();
    }

    /**
     * A client that closes while its data is still queued (the peer is not reading) returns at once and drains in
     * the background (close table, l_onoff = 0). Its connection still runs under its selector, so the selector is
     * not free: binding it is WSAEADDRINUSE until the drain has ended with DISCONNECT.
     */
    @Test
    void closedClientsSelector_staysTakenWhileItsConnectionDrains_freeOnceItEnded() {
        bench = new IrdaBench("irda.baud", "0");
        IrdaBench.Pair p = bench.connectByService("svc");
        int sel = selectorOf(p.client());
        bench.nonBlocking(p.client(), true);
        int sent = ok(bench.ws.send(p.client(), IrdaBench.pattern(0, 12_000), 0));
        assertTrue(sent > 4 * 2045, "more than the peer's initial credit is queued: " + sent);
        ok(bench.ws.closeSocket(p.client()));

        long other = bench.socket();
        assertEquals(WsaError.WSAEADDRINUSE, bench.ws.bind(other, IrdaSockAddr.lsapSel(device(1), sel)).error(),
                "the selector of a connection still draining");

        ByteBuffer b = ByteBuffer.allocate(16_384);
        int read = 0;
        while (true) {
            b.clear();
            int n = ok(bench.ws.recv(p.accepted(), b, 0));
            if (n == 0) {
                break;
            }
            read += n;
        }
        assertEquals(sent, read, "the peer read every byte, then 0");
        ok(bench.ws.bind(other, IrdaSockAddr.lsapSel(device(1), sel)));
    }

    /**
     * The soak's refused connects: selectors are handed out round-robin, so after 110 others a closed client's
     * selector comes round again. While its old connection still drained, the peer still had that connection and
     * refused the new CONNECT (WSAECONNREFUSED). Now every connect of the cycle succeeds.
     */
    @Test
    void selectorsComingRoundAgain_neverMeetAConnectionStillDraining() {
        bench = new IrdaBench("irda.baud", "0");
        long l = bench.listener("svc");
        SockAddr to = ok(bench.ws.getSockName(l));
        IrdaBench.Pair draining = bench.connect(l, to);
        bench.nonBlocking(draining.client(), true);
        ok(bench.ws.send(draining.client(), IrdaBench.pattern(0, 12_000), 0));
        ok(bench.ws.closeSocket(draining.client()));

        for (int i = 0; i < SELECTORS + 10; i++) {
            long c = bench.socket();
            assertNull(bench.connectOutcome(c, to), "connect #" + i + " while one connection still drains");
            long a = ok(bench.ws.accept(l));
            ok(bench.ws.closeSocket(c));
            ok(bench.ws.closeSocket(a));
        }
    }

    /** One device pair: 111 client connections open at once; the 112th is WSAENOBUFS; one ending frees one. */
    @Test
    void onePair_carries111ConnectionsAtOnce_the112thIsWSAENOBUFS() {
        bench = new IrdaBench("irda.baud", "0");
        long l = bench.listener("svc");
        SockAddr to = ok(bench.ws.getSockName(l));
        List<IrdaBench.Pair> open = new ArrayList<>();
        for (int i = 0; i < SELECTORS; i++) {
            open.add(bench.connect(l, to));
        }
        long extra = bench.socket();
        assertEquals(WsaError.WSAENOBUFS, bench.ws.connect(extra, to).error(), "selector 112 on device B");

        IrdaBench.Pair first = open.getFirst();
        ok(bench.ws.closeSocket(first.client()));
        ok(bench.ws.closeSocket(first.accepted()));
        assertNull(bench.connectOutcome(extra, to), "a connection that ended gave its selector back");
    }

    /** With a third device in range, the connections beyond B's 111 leave from C, as from a second adapter. */
    @Test
    void aThirdDevice_carriesTheConnectionsBeyondOnePairsSelectors() {
        bench = new IrdaBench("irda.baud", "0", "irda.devices", "3");
        long l = bench.listener("svc");
        SockAddr to = ok(bench.ws.getSockName(l));
        List<IrdaBench.Pair> open = new ArrayList<>();
        for (int i = 0; i < 2 * SELECTORS; i++) {
            open.add(bench.connect(l, to));
        }
        for (int i = 0; i < open.size(); i++) {
            int from = ((IrdaSockAddr) ok(bench.ws.getSockName(open.get(i).client()))).deviceId();
            assertEquals(device(i < SELECTORS ? 1 : 2), from, "connection #" + i + " leaves from "
                    + DeviceInfo.hex(from));
        }
        assertEquals(WsaError.WSAENOBUFS, bench.ws.connect(bench.socket(), to).error(), "B and C are both full");
    }

    /** A CONNECT beyond the listener's backlog is answered with DISCONNECT: the client sees WSAECONNREFUSED. */
    @Test
    void fullBacklog_refusesWithWSAECONNREFUSED() {
        bench = new IrdaBench("irda.baud", "0");
        long l = bench.socket();
        ok(bench.ws.bind(l, IrdaSockAddr.local("svc")));
        ok(bench.ws.listen(l, 1));
        SockAddr to = ok(bench.ws.getSockName(l));
        assertNull(bench.connectOutcome(bench.socket(), to), "the first fills the backlog");
        assertEquals(WsaError.WSAECONNREFUSED, bench.connectOutcome(bench.socket(), to), "the second finds it full");
    }
}

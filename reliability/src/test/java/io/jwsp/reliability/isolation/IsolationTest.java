package io.jwsp.reliability.isolation;

import static io.jwsp.reliability.fixture.RuntimeUnderTest.BOUND;
import static io.jwsp.reliability.fixture.RuntimeUnderTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.addr.AtmAddress;
import io.jwsp.provider.atm.addr.AtmSockAddr;
import io.jwsp.provider.atm.sw.AtmSwitch;
import io.jwsp.provider.irda.IrdaSockAddr;
import io.jwsp.reliability.fixture.Bounded;
import io.jwsp.reliability.fixture.Medium;
import io.jwsp.reliability.fixture.RuntimeUnderTest;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.addr.SockAddr;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN.md "Nothing is a JVM-wide singleton: two runtimes in one JVM never see each other's handles, loopback
 * addresses or simulated media", and the brief's "only 127.0.0.1/::1 for anything networked".
 */
class IsolationTest {

    /**
     * Every medium up at once, each with a listener on its usual address, a tcp connection and a tcp client that
     * never bound: of this process's new kernel sockets, every tcp listener and every udp socket is on 127.0.0.1 or
     * ::1. Then the one way to ask for more, bind to INADDR_ANY, does listen on the wildcard (which also shows the
     * scan sees what it should).
     */
    @Test
    void required_nothingListensBeyondLoopback_unlessAsked() throws IOException {
        Set<Long> before = KernelSockets.ownInodes();
        List<RuntimeUnderTest> all = List.of(new RuntimeUnderTest(Medium.LOOPBACK), new RuntimeUnderTest(Medium.TCP),
                new RuntimeUnderTest(Medium.IRDA), new RuntimeUnderTest(Medium.ATM));
        try {
            for (RuntimeUnderTest rt : all) {
                rt.listener(4);
            }
            RuntimeUnderTest tcp = all.get(1);
            long l = tcp.listener(4);
            long[] pair = tcp.connect(l);
            InetSockAddr clientName = (InetSockAddr) tcp.nameOf(pair[0]);
            assertTrue(clientName.toInetSocketAddress().getAddress().isLoopbackAddress(),
                    "a client that never bound is named " + clientName);
            List<KernelSockets.Socket> ours = KernelSockets.of(newInodes(before));
            assertTrue(ours.stream().filter(KernelSockets.Socket::listening).count() >= 2,
                    "the scan should see the tcp listeners: " + ours);
            for (KernelSockets.Socket s : ours) {
                if (s.listening() || s.table().startsWith("udp")) {
                    assertTrue(s.loopbackOnly(), "a socket of this process listens beyond loopback: " + s);
                }
            }

            long any = tcp.open();
            ok(tcp.ws.bind(any, InetSockAddr.any4(0)), "bind(INADDR_ANY)");
            ok(tcp.ws.listen(any, 4), "listen");
            List<KernelSockets.Socket> asked = KernelSockets.of(newInodes(before));
            assertTrue(asked.stream().anyMatch(s -> s.listening() && s.wildcard()),
                    "a listener bound to INADDR_ANY listens on the wildcard: " + asked);
            for (RuntimeUnderTest rt : all) {
                rt.finish();
            }
        } finally {
            all.forEach(RuntimeUnderTest::close);
        }
    }

    private static Set<Long> newInodes(Set<Long> before) throws IOException {
        Set<Long> now = new HashSet<>(KernelSockets.ownInodes());
        now.removeAll(before);
        return now;
    }

    /** A handle is WSAENOTSOCK in a runtime that did not issue it (here one that has no socket of its own). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Medium.class)
    void required_handleOfOneRuntime_isWsaenotsockInAnotherWithoutSockets(Medium medium) {
        try (RuntimeUnderTest a = new RuntimeUnderTest(medium); RuntimeUnderTest b = new RuntimeUnderTest(medium)) {
            long ha = a.open();
            assertEquals(WsaError.WSAENOTSOCK, b.ws.getSockOpt(ha, SocketOptions.SO_LINGER).error(),
                    "getsockopt with A's handle in B");
            assertEquals(WsaError.WSAENOTSOCK, b.ws.send(ha, ByteBuffer.allocate(1), 0).error(),
                    "send with A's handle in B");
            assertEquals(WsaError.WSAENOTSOCK, b.ws.closeSocket(ha).error(), "closesocket with A's handle in B");
            assertEquals(1, a.runtime.openHandles(), "A's own socket is untouched");
            a.finish();
            b.finish();
        }
    }

    /**
     * The same while the other runtime has sockets of its own: the case the issue names ("a handle of one runtime
     * is WSAENOTSOCK in another"). Found here: every handle table used to start at generation 1, slot 0, so two
     * runtimes issued the same first handle; each table now starts its generations at its own random base.
     */
    @Test
    void required_handleOfOneRuntime_isWsaenotsockInAnotherWithSockets() {
        try (RuntimeUnderTest a = new RuntimeUnderTest(Medium.LOOPBACK);
             RuntimeUnderTest b = new RuntimeUnderTest(Medium.LOOPBACK)) {
            long ha = a.open();
            long hb = b.open();
            assertNotEquals(ha, hb, "the first handles of two runtimes are the same value");
            assertEquals(WsaError.WSAENOTSOCK, b.ws.closeSocket(ha).error(), "closesocket with A's handle in B");
            assertEquals(WsaError.WSAENOTSOCK, a.ws.closeSocket(hb).error(), "closesocket with B's handle in A");
            assertEquals(1, a.runtime.openHandles(), "A's own socket is untouched");
            assertEquals(1, b.runtime.openHandles(), "B's own socket is untouched");
            a.finish();
            b.finish();
        }
    }

    /**
     * The same explicit name bound in two runtimes at once (no WSAEADDRINUSE across them), and a client in each
     * reaches its own runtime's listener only: loopback's address space, IrDA's devices and ATM's switch belong to
     * one runtime.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Medium.class, names = {"LOOPBACK", "IRDA", "ATM"})
    void required_simulatedMediaOfTwoRuntimes_neverCross(Medium medium) {
        try (RuntimeUnderTest a = new RuntimeUnderTest(medium); RuntimeUnderTest b = new RuntimeUnderTest(medium)) {
            long la = a.listener(4);
            SockAddr name = explicitName(medium, a.nameOf(la));
            long lb = b.open();
            ok(b.ws.bind(lb, name), "B binds the name A's listener has (" + name + ")");
            ok(b.ws.listen(lb, 4), "listen in B");
            SockAddr toB = b.nameOf(lb);
            long[] pairInB = b.connect(lb);
            a.blocking(la, false);
            assertEquals(WsaError.WSAEWOULDBLOCK, a.ws.accept(la).error(), "A's listener saw B's client arrive");
            ok(b.ws.send(pairInB[0], ByteBuffer.wrap(new byte[] {42}), 0), "send in B");
            ByteBuffer got = ByteBuffer.allocate(1);
            assertEquals(1, ok(Bounded.start("recv", () -> b.ws.recv(pairInB[1], got, 0)).join(BOUND), "recv in B"));

            // And the other way: a client in A reaching that name lands at A's listener, never B's.
            SockAddr toA = a.nameOf(la);
            long ca = a.open();
            WspResult<Void> c = Bounded.start("connect in A", () -> a.ws.connect(ca, toA)).join(BOUND);
            ok(c, "connect in A to " + toA);
            a.blocking(la, true);
            a.track(ok(Bounded.start("accept in A", () -> a.ws.accept(la)).join(BOUND), "accept in A"));
            b.blocking(lb, false);
            assertEquals(WsaError.WSAEWOULDBLOCK, b.ws.accept(lb).error(), "B's listener saw A's client arrive ("
                    + toB + ")");
            a.finish();
            b.finish();
        }
    }

    /** An explicit (not wildcard) name for the second runtime to bind: A's own, or one like it. */
    private static SockAddr explicitName(Medium medium, SockAddr ofA) {
        return switch (medium) {
            case LOOPBACK, TCP -> ofA;
            case IRDA -> IrdaSockAddr.local("Isolation");
            case ATM -> AtmSockAddr.of(AtmAddress.aesa(AtmSwitch.defaultPrefix(1), AtmSwitch.esi(1), 0x42));
        };
    }
}

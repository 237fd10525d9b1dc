package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.join;
import static io.jwsp.provider.loopback.Loop.name;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.loopback.net.AddressSpace;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.InetSockAddr;
import io.jwsp.spi.io.AcceptCondition;
import io.jwsp.spi.io.Accepted;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The in-memory address space, bind/listen/connect/accept, names, backlog and accept conditions. */
class AddressingTest {
    private final Loop loop = new Loop();

    @Test
    void required_bind_portZero_allocatesAnEphemeralPort() {
        WspSocket a = loop.stream();
        WspSocket b = loop.stream();
        ok(a.bind(Loop.local(0)));
        ok(b.bind(Loop.local(0)));
        int pa = ((InetSockAddr) name(a)).port();
        int pb = ((InetSockAddr) name(b)).port();
        assertTrue(pa >= AddressSpace.EPHEMERAL_FIRST && pb >= AddressSpace.EPHEMERAL_FIRST);
        assertNotEquals(pa, pb);
    }

    @Test
    void required_bind_addressInUse_WSAEADDRINUSE_unlessReuseAddr_andTransportsAreSeparate() {
        WspSocket a = loop.stream();
        ok(a.bind(Loop.local(5000)));
        fails(WsaError.WSAEADDRINUSE, loop.stream().bind(Loop.local(5000)));
        fails(WsaError.WSAEADDRINUSE, loop.stream().bind(InetSockAddr.any4(5000)), "wildcard overlaps");
        WspSocket reuse = loop.stream();
        ok(reuse.setSockOpt(SocketOptions.SO_REUSEADDR, true));
        ok(reuse.bind(Loop.local(5000)));
        ok(loop.datagram().bind(Loop.local(5000)));
        ok(a.closeSocket());
        ok(reuse.closeSocket());
        ok(loop.stream().bind(Loop.local(5000)), "the port is free again after close");
    }

    @Test
    void required_bind_twice_WSAEINVAL_badNames() throws Exception {
        WspSocket s = loop.stream();
        ok(s.bind(Loop.local(0)));
        fails(WsaError.WSAEINVAL, s.bind(Loop.local(0)));
        fails(WsaError.WSAEFAULT, loop.stream().bind(null));
        fails(WsaError.WSAEFAULT, loop.stream().bind(() -> 2), "not an IP address");
        fails(WsaError.WSAEFAULT, loop.stream().bind(new InetSockAddr(InetAddress.getByName("::1"), 0)),
                "an IPv6 name on an AF_INET socket");
        fails(WsaError.WSAEADDRNOTAVAIL,
                loop.stream().bind(new InetSockAddr(InetAddress.getByName("192.0.2.1"), 0)), "not this host");
    }

    @Test
    void required_connect_nothingListening_WSAECONNREFUSED() {
        fails(WsaError.WSAECONNREFUSED, loop.stream().connect(Loop.local(4242)));
        WspSocket bound = loop.stream();
        ok(bound.bind(Loop.local(4243)));
        fails(WsaError.WSAECONNREFUSED, loop.stream().connect(Loop.local(4243)), "bound but not listening");
        fails(WsaError.WSAEADDRNOTAVAIL, loop.stream().connect(InetSockAddr.any4(80)));
        fails(WsaError.WSAEADDRNOTAVAIL, loop.stream().connect(Loop.local(0)));
        fails(WsaError.WSAEFAULT, loop.stream().connect(null));
    }

    @Test
    void required_names_sockNameAndPeerNameOfBothEnds() {
        WspSocket l = loop.stream();
        ok(l.bind(InetSockAddr.any4(0)));
        ok(l.listen(1));
        int port = ((InetSockAddr) name(l)).port();
        WspSocket c = loop.stream();
        fails(WsaError.WSAEINVAL, c.getSockName());
        fails(WsaError.WSAENOTCONN, c.getPeerName());
        ok(c.connect(Loop.local(port)));
        Accepted a = ok(l.accept(null));
        assertEquals(Loop.local(port), name(a.socket()), "the accepted end reports the address connected to");
        assertEquals(name(c), a.peer());
        assertEquals(name(c), ok(a.socket().getPeerName()));
        assertEquals(Loop.local(port), ok(c.getPeerName()));
        fails(WsaError.WSAENOTCONN, l.getPeerName());
    }

    @Test
    void required_connect_secondConnect_WSAEISCONN_listenOnConnected_WSAEISCONN() {
        Loop.Pair p = loop.pair();
        fails(WsaError.WSAEISCONN, p.client().connect(name(p.listener())));
        fails(WsaError.WSAEISCONN, p.client().listen(1));
        fails(WsaError.WSAEINVAL, p.listener().connect(name(p.listener())));
        fails(WsaError.WSAEINVAL, loop.stream().listen(1), "listen on an unbound socket");
        fails(WsaError.WSAEINVAL, loop.stream().accept(null), "accept on a socket that does not listen");
    }

    @Test
    void required_listen_backlogFull_nextConnectIsRefused() {
        WspSocket l = loop.stream();
        ok(l.bind(Loop.local(0)));
        ok(l.listen(1));
        ok(loop.stream().connect(name(l)));
        fails(WsaError.WSAECONNREFUSED, loop.stream().connect(name(l)));
        ok(l.accept(null));
        ok(loop.stream().connect(name(l)), "room again once accepted");
    }

    @Test
    void required_accept_nonblockingEmpty_WSAEWOULDBLOCK() {
        WspSocket l = loop.listener();
        Loop.nonBlocking(l, true);
        fails(WsaError.WSAEWOULDBLOCK, l.accept(null));
    }

    @Test
    void required_acceptCondition_reject_acceptAnswersWSAECONNREFUSED_connectorIsReset() {
        WspSocket l = loop.listener();
        WspSocket c = loop.stream();
        ok(c.connect(name(l)));
        fails(WsaError.WSAECONNREFUSED, l.accept(caller -> AcceptCondition.CF_REJECT));
        fails(WsaError.WSAECONNRESET, c.recv(room(1), 0, null));
    }

    @Test
    void required_acceptCondition_conditionalAccept_rejectReachesTheConnectorAsWSAECONNREFUSED() throws Exception {
        WspSocket l = loop.stream();
        ok(l.setSockOpt(LoopbackOptions.SO_CONDITIONAL_ACCEPT, true));
        ok(l.bind(Loop.local(0)));
        ok(l.listen(4));
        WspSocket c = loop.stream();
        CompletableFuture<WspResult<Void>> connect = loop.blocked(() -> c.connect(name(l)));
        InetSockAddr[] seen = new InetSockAddr[1];
        fails(WsaError.WSAECONNREFUSED, l.accept(caller -> {
            seen[0] = (InetSockAddr) caller;
            return AcceptCondition.CF_REJECT;
        }));
        fails(WsaError.WSAECONNREFUSED, join(connect));
        assertEquals(Loop.local(seen[0].port()), seen[0], "the condition sees the caller's address");
    }

    @Test
    void required_acceptCondition_deferThenAccept() throws Exception {
        WspSocket l = loop.stream();
        ok(l.setSockOpt(LoopbackOptions.SO_CONDITIONAL_ACCEPT, true));
        ok(l.bind(Loop.local(0)));
        ok(l.listen(4));
        WspSocket c = loop.stream();
        Loop.nonBlocking(c, true);
        fails(WsaError.WSAEWOULDBLOCK, c.connect(name(l)));
        fails(WsaError.WSAEALREADY, c.connect(name(l)));
        fails(WsaError.WSAENOTCONN, c.send(Loop.bytes(1, 0), 0, null));
        fails(WsaError.WSATRY_AGAIN, l.accept(caller -> AcceptCondition.CF_DEFER));
        Accepted a = ok(l.accept(caller -> AcceptCondition.CF_ACCEPT));
        send(c, 3);
        assertEquals(3, ok(a.socket().recv(room(5), 0, null)));
    }

    @Test
    void required_addressSpace_twoProvidersNeverSeeEachOther() {
        WspSocket l = loop.stream();
        ok(l.bind(Loop.local(6000)));
        ok(l.listen(1));
        Loop other = new Loop();
        fails(WsaError.WSAECONNREFUSED, other.stream().connect(Loop.local(6000)));
        ok(other.stream().bind(Loop.local(6000)));
    }

    @Test
    void required_ipv6_streamConnectsOverLoopback() throws Exception {
        WspSocket l = loop.stream6();
        ok(l.bind(new InetSockAddr(InetAddress.getByName("::1"), 0)));
        ok(l.listen(1));
        WspSocket c = loop.stream6();
        ok(c.connect(name(l)));
        WspSocket a = ok(l.accept(null)).socket();
        send(c, 8);
        assertEquals(8, ok(a.recv(room(8), 0, null)));
        fails(WsaError.WSAEAFNOSUPPORT, loop.stream6().connect(Loop.local(1)));
    }
}

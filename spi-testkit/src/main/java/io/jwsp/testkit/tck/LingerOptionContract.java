package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.catalog.ProtocolInfo;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SO_LINGER and SO_DONTLINGER: defaults, round trips, bad buffers, the restore rule, datagram sockets. */
public abstract class LingerOptionContract extends TckFixture {
    private static final int SOL_SOCKET = SocketOptions.SOL_SOCKET;
    private static final int SO_LINGER = SocketOptions.SO_LINGER.name();
    private static final int SO_DONTLINGER = SocketOptions.SO_DONTLINGER.name();

    @Test
    @DisplayName("closesocket Remarks: by default SO_DONTLINGER is enabled and linger is (0,0)")
    public void required_solinger_defaults_dontLingerTrueAndLingerZeroZero() {
        long s = open();
        assertEquals(Linger.DONT_LINGER, linger(s), "SO_LINGER of a new socket");
        assertTrue(ok(ws.getSockOpt(s, SocketOptions.SO_DONTLINGER), "getsockopt(SO_DONTLINGER)"),
                "SO_DONTLINGER of a new socket");
        Connection c = connect();
        assertEquals(Linger.DONT_LINGER, linger(c.client()), "SO_LINGER of a connected socket");
        assertEquals(Linger.DONT_LINGER, linger(c.accepted()), "SO_LINGER of an accepted socket");
    }

    @Test
    @DisplayName("setsockopt/getsockopt: SO_LINGER reads back what was set")
    public void required_solinger_roundTrip() {
        long s = open();
        for (Linger l : new Linger[] {new Linger(true, 7), new Linger(true, 0), new Linger(false, 0),
                new Linger(true, 0xFFFF), new Linger(false, 3)}) {
            setLinger(s, l.onOff(), l.seconds());
            assertEquals(l, linger(s), "SO_LINGER after setting " + l);
            assertEquals(!l.onOff(), ok(ws.getSockOpt(s, SocketOptions.SO_DONTLINGER), "getsockopt(SO_DONTLINGER)"),
                    "SO_DONTLINGER is !l_onoff after setting " + l);
        }
    }

    @Test
    @DisplayName("setsockopt/getsockopt: SO_DONTLINGER reads back what was set, and flips l_onoff")
    public void required_sodontlinger_roundTrip() {
        long s = open();
        ok(ws.setSockOpt(s, SocketOptions.SO_DONTLINGER, false), "setsockopt(SO_DONTLINGER, false)");
        assertFalse(ok(ws.getSockOpt(s, SocketOptions.SO_DONTLINGER), "getsockopt(SO_DONTLINGER)"));
        assertTrue(linger(s).onOff(), "SO_DONTLINGER false turns l_onoff on");
        ok(ws.setSockOpt(s, SocketOptions.SO_DONTLINGER, true), "setsockopt(SO_DONTLINGER, true)");
        assertTrue(ok(ws.getSockOpt(s, SocketOptions.SO_DONTLINGER), "getsockopt(SO_DONTLINGER)"));
        assertFalse(linger(s).onOff(), "SO_DONTLINGER true turns l_onoff off");
    }

    @Test
    @DisplayName("linger pages: a time-out SO_LINGER set earlier is reinstated when SO_DONTLINGER is turned off")
    public void required_sodontlinger_restoresEarlierLingerTimeout() {
        long s = open();
        setLinger(s, true, 7);
        ok(ws.setSockOpt(s, SocketOptions.SO_DONTLINGER, true), "setsockopt(SO_DONTLINGER, true)");
        assertFalse(linger(s).onOff(), "l_onoff after SO_DONTLINGER true");
        ok(ws.setSockOpt(s, SocketOptions.SO_DONTLINGER, false), "setsockopt(SO_DONTLINGER, false)");
        assertEquals(new Linger(true, 7), linger(s), "SO_LINGER after SO_DONTLINGER true then false");
    }

    @Test
    @DisplayName("setsockopt: a null optval is WSAEFAULT (SO_LINGER, SO_DONTLINGER)")
    public void required_solinger_rawNullOptval_isWSAEFAULT() {
        long s = open();
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, null, 4), "setsockopt(SO_LINGER, null, 4)");
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, SO_DONTLINGER, null, 4),
                "setsockopt(SO_DONTLINGER, null, 4)");
        fails(WsaError.WSAEFAULT, ws.getSockOpt(s, SOL_SOCKET, SO_LINGER, null, 4), "getsockopt(SO_LINGER, null, 4)");
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SocketOptions.SO_LINGER, null), "setsockopt(SO_LINGER, (Linger) null)");
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SocketOptions.SO_DONTLINGER, null),
                "setsockopt(SO_DONTLINGER, (Boolean) null)");
        assertEquals(Linger.DONT_LINGER, linger(s), "a refused setsockopt changes nothing");
    }

    @Test
    @DisplayName("setsockopt/getsockopt: an optlen shorter than the option is WSAEFAULT")
    public void required_solinger_rawShortOptlen_isWSAEFAULT() {
        long s = open();
        byte[] lingerOn = new byte[4];
        OptionCodec.LINGER.encode(new Linger(true, 9), lingerOn);
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, lingerOn, 2), "setsockopt(SO_LINGER, optlen 2)");
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[2], 2),
                "setsockopt(SO_LINGER, 2-byte optval)");
        fails(WsaError.WSAEFAULT, ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[2], 4),
                "setsockopt(SO_LINGER, 2-byte optval, optlen 4)");
        fails(WsaError.WSAEFAULT, ws.getSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[4], 2), "getsockopt(SO_LINGER, optlen 2)");
        fails(WsaError.WSAEFAULT, ws.getSockOpt(s, SOL_SOCKET, SO_LINGER, new byte[2], 4),
                "getsockopt(SO_LINGER, 2-byte optval, optlen 4)");
        assertEquals(Linger.DONT_LINGER, linger(s), "a refused setsockopt changes nothing");
    }

    @Test
    @DisplayName("setsockopt/getsockopt: the raw form is the 4-byte linger struct")
    public void required_solinger_rawRoundTrip() {
        long s = open();
        byte[] in = new byte[4];
        OptionCodec.LINGER.encode(new Linger(true, 300), in);
        ok(ws.setSockOpt(s, SOL_SOCKET, SO_LINGER, in, 4), "setsockopt(SO_LINGER, raw (1,300))");
        byte[] out = new byte[8];
        int len = ok(ws.getSockOpt(s, SOL_SOCKET, SO_LINGER, out, out.length), "getsockopt(SO_LINGER, raw)");
        assertEquals(4, len, "getsockopt(SO_LINGER) optlen out");
        assertEquals(new Linger(true, 300), OptionCodec.LINGER.decode(out, len));
        assertEquals(new Linger(true, 300), linger(s));
    }

    @Test
    @DisplayName("DESIGN: SO_LINGER and SO_DONTLINGER on a datagram socket are WSAENOPROTOOPT (get and set)")
    public void required_solinger_datagram_isWSAENOPROTOOPT() {
        ProtocolInfo dgram = requiresDatagramEntry();
        long d = openDatagram(dgram);
        fails(WsaError.WSAENOPROTOOPT, ws.getSockOpt(d, SocketOptions.SO_LINGER), "getsockopt(SO_LINGER) on a datagram socket");
        fails(WsaError.WSAENOPROTOOPT, ws.setSockOpt(d, SocketOptions.SO_LINGER, Linger.of(5)),
                "setsockopt(SO_LINGER) on a datagram socket");
        fails(WsaError.WSAENOPROTOOPT, ws.getSockOpt(d, SocketOptions.SO_DONTLINGER),
                "getsockopt(SO_DONTLINGER) on a datagram socket");
        fails(WsaError.WSAENOPROTOOPT, ws.setSockOpt(d, SocketOptions.SO_DONTLINGER, false),
                "setsockopt(SO_DONTLINGER) on a datagram socket");
        fails(WsaError.WSAENOPROTOOPT, ws.getSockOpt(d, SOL_SOCKET, SO_LINGER, new byte[4], 4),
                "raw getsockopt(SO_LINGER) on a datagram socket");
        ok(ws.closeSocket(d), "closesocket(datagram)");
    }

    @Test
    @DisplayName("DESIGN: accepted sockets inherit the listener's linger setting")
    public void required_solinger_acceptedSocketInheritsListenerLinger() {
        long l = open();
        setLinger(l, true, 5);
        ok(ws.bind(l, put.listenAddress()), "bind");
        ok(ws.listen(l, 8), "listen");
        Connection c = connect(l, 0);
        assertEquals(new Linger(true, 5), linger(c.accepted()), "SO_LINGER of the accepted socket");
        assertFalse(ok(ws.getSockOpt(c.accepted(), SocketOptions.SO_DONTLINGER), "getsockopt(SO_DONTLINGER)"),
                "SO_DONTLINGER of the accepted socket");
        assertEquals(Linger.DONT_LINGER, linger(c.client()), "the connecting side keeps its own default");
    }
}

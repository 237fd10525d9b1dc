package io.jwsp.provider.loopback;

import static io.jwsp.provider.loopback.Loop.fails;
import static io.jwsp.provider.loopback.Loop.name;
import static io.jwsp.provider.loopback.Loop.ok;
import static io.jwsp.provider.loopback.Loop.room;
import static io.jwsp.provider.loopback.Loop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.WspSocket;
import io.jwsp.spi.addr.SocketType;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.option.IoControl;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.OptionCodec;
import io.jwsp.spi.option.SockOpt;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** getsockopt/setsockopt and ioctlsocket on stream sockets, including the linger rules (SO_DONTLINGER flips l_onoff). */
class OptionsTest {
    private final Loop loop = new Loop();

    @Test
    void required_solinger_defaults_dontLingerAndLingerZeroZero() {
        WspSocket s = loop.stream();
        assertEquals(Linger.DONT_LINGER, ok(s.getSockOpt(SocketOptions.SO_LINGER)));
        assertTrue(ok(s.getSockOpt(SocketOptions.SO_DONTLINGER)));
    }

    @Test
    void required_sodontlinger_flipsOnOffOnly_restoresEarlierTimeout() {
        WspSocket s = loop.stream();
        ok(s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(17)));
        assertFalse(ok(s.getSockOpt(SocketOptions.SO_DONTLINGER)));
        ok(s.setSockOpt(SocketOptions.SO_DONTLINGER, true));
        assertEquals(new Linger(false, 17), ok(s.getSockOpt(SocketOptions.SO_LINGER)));
        ok(s.setSockOpt(SocketOptions.SO_DONTLINGER, false));
        assertEquals(Linger.of(17), ok(s.getSockOpt(SocketOptions.SO_LINGER)), "the time-out comes back");
    }

    @Test
    void required_setsockopt_nullValue_WSAEFAULT_unknownOption_WSAENOPROTOOPT() {
        WspSocket s = loop.stream();
        fails(WsaError.WSAEFAULT, s.setSockOpt(SocketOptions.SO_LINGER, null));
        fails(WsaError.WSAEFAULT, s.setSockOpt(SocketOptions.SO_RCVBUF, null));
        SockOpt<Integer> unknown = new SockOpt<>(SocketOptions.SOL_SOCKET, 0x7777, "SO_UNKNOWN", OptionCodec.INT);
        fails(WsaError.WSAENOPROTOOPT, s.setSockOpt(unknown, 1));
        fails(WsaError.WSAENOPROTOOPT, s.getSockOpt(unknown));
        SockOpt<Integer> badLevel = new SockOpt<>(12345, 1, "BAD_LEVEL", OptionCodec.INT);
        fails(WsaError.WSAENOPROTOOPT, s.getSockOpt(badLevel));
        fails(WsaError.WSAENOPROTOOPT, s.getSockOpt(null));
        fails(WsaError.WSAENOPROTOOPT, s.setSockOpt(SocketOptions.SO_TYPE, 2), "read-only");
        fails(WsaError.WSAEINVAL, s.setSockOpt(SocketOptions.SO_RCVBUF, -1));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void required_setsockopt_wrongValueType_isWSAEFAULT_neverThrows() {
        SockOpt raw = SocketOptions.SO_LINGER;
        fails(WsaError.WSAEFAULT, loop.stream().setSockOpt(raw, "not a linger"));
    }

    @Test
    void required_readOnlyOptions_typeAcceptConnProtocolInfoError() {
        WspSocket s = loop.stream();
        assertEquals(SocketType.SOCK_STREAM, ok(s.getSockOpt(SocketOptions.SO_TYPE)));
        assertSame(s.protocolInfo(), ok(s.getSockOpt(SocketOptions.SO_PROTOCOL_INFO)));
        assertEquals(0, ok(s.getSockOpt(SocketOptions.SO_ERROR)));
        assertFalse(ok(s.getSockOpt(SocketOptions.SO_ACCEPTCONN)));
        assertTrue(ok(loop.listener().getSockOpt(SocketOptions.SO_ACCEPTCONN)));
        fails(WsaError.WSAENOPROTOOPT, s.getSockOpt(SocketOptions.SO_MAX_MSG_SIZE), "a stream has no message size");
    }

    @Test
    void required_roundTrips_keepAliveReuseAddrBuffersTimeoutsNoDelay() {
        WspSocket s = loop.stream();
        assertEquals(64 * 1024, ok(s.getSockOpt(SocketOptions.SO_SNDBUF)));
        assertEquals(64 * 1024, ok(s.getSockOpt(SocketOptions.SO_RCVBUF)));
        ok(s.setSockOpt(SocketOptions.SO_KEEPALIVE, true));
        ok(s.setSockOpt(SocketOptions.SO_REUSEADDR, true));
        ok(s.setSockOpt(SocketOptions.SO_SNDBUF, 1234));
        ok(s.setSockOpt(SocketOptions.SO_RCVBUF, 4321));
        ok(s.setSockOpt(SocketOptions.SO_RCVTIMEO, 250));
        ok(s.setSockOpt(SocketOptions.SO_SNDTIMEO, 350));
        ok(s.setSockOpt(SocketOptions.TCP_NODELAY, true));
        assertTrue(ok(s.getSockOpt(SocketOptions.SO_KEEPALIVE)));
        assertTrue(ok(s.getSockOpt(SocketOptions.SO_REUSEADDR)));
        assertEquals(1234, ok(s.getSockOpt(SocketOptions.SO_SNDBUF)));
        assertEquals(4321, ok(s.getSockOpt(SocketOptions.SO_RCVBUF)));
        assertEquals(250, ok(s.getSockOpt(SocketOptions.SO_RCVTIMEO)));
        assertEquals(350, ok(s.getSockOpt(SocketOptions.SO_SNDTIMEO)));
        assertTrue(ok(s.getSockOpt(SocketOptions.TCP_NODELAY)));
    }

    @Test
    void required_settings_changeTheDefaultBufferSizes() {
        Loop small = new Loop(java.util.Map.of("sendBufferBytes", "2048", "receiveBufferBytes", "1024"));
        WspSocket s = small.stream();
        assertEquals(2048, ok(s.getSockOpt(SocketOptions.SO_SNDBUF)));
        assertEquals(1024, ok(s.getSockOpt(SocketOptions.SO_RCVBUF)));
    }

    @Test
    void required_acceptedSocket_inheritsListenerLingerAndBufferSizes() {
        WspSocket l = loop.stream();
        ok(l.setSockOpt(SocketOptions.SO_LINGER, Linger.of(9)));
        ok(l.setSockOpt(SocketOptions.SO_RCVBUF, 3000));
        ok(l.setSockOpt(SocketOptions.SO_SNDBUF, 5000));
        ok(l.bind(Loop.local(0)));
        ok(l.listen(2));
        ok(loop.stream().connect(name(l)));
        WspSocket a = ok(l.accept(null)).socket();
        assertEquals(Linger.of(9), ok(a.getSockOpt(SocketOptions.SO_LINGER)));
        assertEquals(3000, ok(a.getSockOpt(SocketOptions.SO_RCVBUF)));
        assertEquals(5000, ok(a.getSockOpt(SocketOptions.SO_SNDBUF)));
    }

    @Test
    void required_ioctl_fionreadSiocatmarkAndMsgPeek() {
        Loop.Pair p = loop.pair();
        assertEquals(0, ok(p.client().ioctl(IoControls.FIONREAD, null, null)));
        send(p.server(), 12);
        assertEquals(12, ok(p.client().ioctl(IoControls.FIONREAD, null, null)));
        assertTrue(ok(p.client().ioctl(IoControls.SIOCATMARK, null, null)), "no urgent data ever waits");
        ByteBuffer[] peek = room(5);
        assertEquals(5, ok(p.client().recv(peek, MsgFlags.MSG_PEEK, null)));
        assertEquals(12, ok(p.client().ioctl(IoControls.FIONREAD, null, null)), "MSG_PEEK leaves the data");
        ByteBuffer[] all = room(20);
        assertEquals(12, ok(p.client().recv(all, 0, null)));
        assertEquals(peek[0].get(4), all[0].get(4));
        fails(WsaError.WSAEFAULT, p.client().ioctl(IoControls.FIONBIO, null, null));
        IoControl<Void, Void> unknown = new IoControl<>(0x12345, "UNKNOWN", Void.class, Void.class);
        fails(WsaError.WSAEOPNOTSUPP, p.client().ioctl(unknown, null, null));
        fails(WsaError.WSAEOPNOTSUPP, p.client().send(Loop.bytes(1, 0), MsgFlags.MSG_OOB, null),
                "no XP1_EXPEDITED_DATA: MSG_OOB is not offered");
    }

    @Test
    void required_nonblocking_recvAndSendAnswerWSAEWOULDBLOCK() {
        Loop.Pair p = loop.smallPair();
        Loop.nonBlocking(p.client(), true);
        fails(WsaError.WSAEWOULDBLOCK, p.client().recv(room(1), 0, null));
        Loop.fill(p.client());
        fails(WsaError.WSAEWOULDBLOCK, p.client().send(Loop.bytes(1, 0), 0, null));
    }

    @Test
    void required_streamRecv_sizeOfTheReceiveBufferIsTheMostReadAtOnce_andQueuedDataIsAtTheSender() {
        Loop.Pair p = loop.smallPair(); // client SO_SNDBUF 4096, server SO_RCVBUF (inherited) 4096
        int sent = Loop.fill(p.client());
        assertEquals(8192, sent, "the peer's receive buffer plus the sender's send buffer");
        assertEquals(4096, ok(p.server().ioctl(IoControls.FIONREAD, null, null)));
        assertEquals(4096, ok(p.server().recv(room(10_000), 0, null)));
    }
}

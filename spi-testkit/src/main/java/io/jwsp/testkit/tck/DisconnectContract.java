package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.catalog.ServiceFlags;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WSASendDisconnect and WSARecvDisconnect (WSPSendDisconnect, WSPRecvDisconnect): shutdown of one direction, with
 * disconnect data where the entry declares XP1_DISCONNECT_DATA; without it, data given is WSAENOPROTOOPT.
 */
public abstract class DisconnectContract extends PollContract {
    /**
     * Disconnect data the TCK sends: two octets, the Q.2931 Cause IE for normal call clearing (user location, cause
     * 16), which a protocol that carries disconnect data (ATM's RELEASE) must deliver unchanged.
     */
    private static final byte[] DISCONNECT_DATA = {(byte) 0x80, (byte) 0x90};

    private boolean disconnectData() {
        return put.streamEntry().hasService(ServiceFlags.XP1_DISCONNECT_DATA);
    }

    @Test
    @DisplayName("WSASendDisconnect(no data): the peer reads everything then its graceful end; send is WSAESHUTDOWN")
    public void required_sendDisconnect_noData_actsAsShutdownSend() {
        requiresGracefulClose();
        Connection c = connect();
        long sent = send(c.client(), 0, 100);
        ok(atOnce("WSASendDisconnect", () -> ws.sendDisconnect(c.client(), null)), "WSASendDisconnect(NULL)");
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
        fails(WsaError.WSAESHUTDOWN, ws.send(c.client(), Payload.at(sent, 10), 0), "send after WSASendDisconnect");
    }

    @Test
    @DisplayName("WSARecvDisconnect(no data): answers 0 and recv is WSAESHUTDOWN")
    public void required_recvDisconnect_noData_actsAsShutdownReceive() {
        Connection c = connect();
        assertEquals(0, ok(atOnce("WSARecvDisconnect", () -> ws.recvDisconnect(c.client(), null)),
                "WSARecvDisconnect(NULL)"), "disconnect data bytes without a buffer");
        fails(WsaError.WSAESHUTDOWN, atOnce("recv", () -> ws.recv(c.client(), ByteBuffer.allocate(16), 0)),
                "recv after WSARecvDisconnect");
    }

    @Test
    @DisplayName("WSASendDisconnect/WSARecvDisconnect on a closed handle are WSAENOTSOCK; a read-only buffer WSAEFAULT")
    public void required_disconnect_badInput_isAnErrorCode() {
        long closed = open();
        ok(ws.closeSocket(closed), "closesocket");
        fails(WsaError.WSAENOTSOCK, ws.sendDisconnect(closed, null), "WSASendDisconnect(closed)");
        fails(WsaError.WSAENOTSOCK, ws.recvDisconnect(closed, null), "WSARecvDisconnect(closed)");
        Connection c = connect();
        fails(WsaError.WSAEFAULT, ws.recvDisconnect(c.client(), ByteBuffer.allocate(2).asReadOnlyBuffer()),
                "WSARecvDisconnect(read-only buffer)");
    }

    @Test
    @DisplayName("disconnect data: without XP1_DISCONNECT_DATA sending it is WSAENOPROTOOPT, receiving it finds none; data still flows")
    public void required_disconnectData_withoutTheService_isWSAENOPROTOOPT() {
        requires(!disconnectData(), "XP1_DISCONNECT_DATA on " + put.streamEntry().name() + " (the data is carried)");
        Connection c = connect();
        fails(WsaError.WSAENOPROTOOPT, ws.sendDisconnect(c.client(), ByteBuffer.wrap(DISCONNECT_DATA)),
                "WSASendDisconnect(data)");
        // WSARecvDisconnect: "implementations of TCP/IP that do not support disconnect data are not required to
        // return the WSAENOPROTOOPT error code": either that, or no data (0, the buffer untouched).
        ByteBuffer inbound = ByteBuffer.allocate(2);
        WspResult<Integer> r = ws.recvDisconnect(c.accepted(), inbound);
        assertTrue(r.is(WsaError.WSAENOPROTOOPT) || r.isOk() && r.value() == 0 && inbound.position() == 0,
                "WSARecvDisconnect(buffer) without disconnect data: WSAENOPROTOOPT or 0 bytes, answered "
                        + describe(r));
        long sent = send(c.accepted(), 0, 100);
        readExactly(c.client(), 0, sent);
    }

    @Test
    @DisplayName("disconnect data: with XP1_DISCONNECT_DATA the peer's WSARecvDisconnect gets the data sent")
    public void optional_disconnectData_reachesThePeer() {
        requires(disconnectData(), "no XP1_DISCONNECT_DATA on " + put.streamEntry().name());
        Connection c = connect();
        ok(atOnce("WSASendDisconnect", () -> ws.sendDisconnect(c.client(), ByteBuffer.wrap(DISCONNECT_DATA))),
                "WSASendDisconnect(data)");
        StreamEnd end = readAll(c.accepted(), 0);
        assertTrue(end.kind() != StreamEnd.Kind.OPEN, "the peer sees the disconnect: " + end);
        ByteBuffer got = ByteBuffer.allocate(16);
        int n = ok(atOnce("WSARecvDisconnect", () -> ws.recvDisconnect(c.accepted(), got)), "WSARecvDisconnect");
        assertArrayEquals(DISCONNECT_DATA, Arrays.copyOf(got.array(), n), "the disconnect data the peer got");
    }
}

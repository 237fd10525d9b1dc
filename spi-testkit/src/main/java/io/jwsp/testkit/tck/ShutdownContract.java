package io.jwsp.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** shutdown: each direction, WSAESHUTDOWN after it, an invalid {@code how}, and that it never lingers (DESIGN.md). */
public abstract class ShutdownContract extends CloseTableContract {

    @Test
    @DisplayName("shutdown(SD_SEND): the peer reads everything then its graceful end; send answers WSAESHUTDOWN")
    public void required_shutdown_send_peerSeesGracefulEnd_thenSendIsWSAESHUTDOWN() {
        Connection c = connect();
        long sent = send(c.client(), 0, put.fillChunk());
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_SEND)), "shutdown(SD_SEND)");
        fails(WsaError.WSAESHUTDOWN, ws.send(c.client(), Payload.at(sent, 10), 0), "send after shutdown(SD_SEND)");
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
        fails(WsaError.WSAESHUTDOWN, ws.send(c.client(), Payload.at(sent, 10), 0), "send after shutdown(SD_SEND), again");
    }

    @Test
    @DisplayName("shutdown(SD_SEND) is a half-close: the shut side still receives what the peer sends")
    public void required_shutdown_send_halfClose_shutSideStillReceives() {
        requiresGracefulClose();
        Connection c = connect();
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_SEND)), "shutdown(SD_SEND)");
        assertGracefulEnd(readAll(c.accepted(), 0), 0);
        send(c.accepted(), 0, 1000);
        readExactly(c.client(), 0, 1000);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.accepted())), "closesocket of the peer");
        assertGracefulEnd(readAll(c.client(), 1000), 0);
    }

    @Test
    @DisplayName("shutdown(SD_RECEIVE): recv answers WSAESHUTDOWN")
    public void required_shutdown_receive_recvIsWSAESHUTDOWN() {
        Connection c = connect();
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_RECEIVE)), "shutdown(SD_RECEIVE)");
        fails(WsaError.WSAESHUTDOWN, atOnce("recv", () -> ws.recv(c.client(), ByteBuffer.allocate(16), 0)),
                "recv after shutdown(SD_RECEIVE)");
    }

    @Test
    @DisplayName("shutdown(SD_RECEIVE) leaves the send direction working")
    public void required_shutdown_receive_sendStillWorks() {
        requiresGracefulClose();
        Connection c = connect();
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_RECEIVE)), "shutdown(SD_RECEIVE)");
        long sent = send(c.client(), 0, 1000);
        readExactly(c.accepted(), 0, sent);
    }

    @Test
    @DisplayName("shutdown(SD_BOTH): send and recv answer WSAESHUTDOWN; the peer sees the end")
    public void required_shutdown_both_sendAndRecvAreWSAESHUTDOWN() {
        Connection c = connect();
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_BOTH)), "shutdown(SD_BOTH)");
        fails(WsaError.WSAESHUTDOWN, ws.send(c.client(), Payload.at(0, 10), 0), "send after shutdown(SD_BOTH)");
        fails(WsaError.WSAESHUTDOWN, atOnce("recv", () -> ws.recv(c.client(), ByteBuffer.allocate(16), 0)),
                "recv after shutdown(SD_BOTH)");
        assertGracefulEnd(readAll(c.accepted(), 0), 0);
    }

    @Test
    @DisplayName("DESIGN: an invalid shutdown how is WSAEINVAL and changes nothing")
    public void required_shutdown_invalidHow_isWSAEINVAL() {
        Connection c = connect();
        for (int how : new int[] {3, -1, 42, Integer.MIN_VALUE}) {
            fails(WsaError.WSAEINVAL, ws.shutdown(c.client(), how), "shutdown(how = " + how + ")");
        }
        long sent = send(c.client(), 0, 100);
        readExactly(c.accepted(), 0, sent);
    }

    @Test
    @DisplayName("DESIGN: shutdown never takes the linger path, even with linger(1,N) and data queued")
    public void required_shutdown_neverLingers() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setBlocking(c.client(), true);
        setLinger(c.client(), true, put.lingerSeconds());
        long t0 = now();
        ok(atOnce("shutdown", () -> ws.shutdown(c.client(), ShutdownHow.SD_SEND)), "shutdown(SD_SEND) with linger(1,N)");
        if (rt.isVirtual()) {
            assertEquals(t0, now(), "shutdown must not wait on the clock");
        }
        assertGracefulEnd(readAll(c.accepted(), 0), sent);
    }

    @Test
    @DisplayName("WSPShutdown: shutdown on a socket that is not connected answers WSAENOTCONN")
    public void optional_shutdown_unconnected_isWSAENOTCONN() {
        long s = open();
        fails(WsaError.WSAENOTCONN, ws.shutdown(s, ShutdownHow.SD_SEND), "shutdown(SD_SEND) on a new socket");
    }
}

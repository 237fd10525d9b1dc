package io.jwsp.testkit.tck;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Callers blocked in recv, send or accept when another thread closes the socket return WSAEINTR (DESIGN.md
 * decisions; closesocket: "any pending blocking ... calls ... are canceled").
 */
public abstract class BlockedCallerContract extends CloseNotificationContract {

    @Test
    @DisplayName("DESIGN: a thread blocked in recv returns WSAEINTR when another thread closes the socket")
    public void required_closesocket_blockedRecv_returnsWSAEINTR() {
        Connection c = connect();
        BackgroundCall<WspResult<Integer>> recv = inBackground("recv",
                () -> ws.recv(c.client(), ByteBuffer.allocate(64), 0));
        awaitBlocked(recv, 1);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket under a blocked recv");
        fails(WsaError.WSAEINTR, recv.join(put.realTimeout()), "the blocked recv");
    }

    @Test
    @DisplayName("DESIGN: a thread blocked in send on a full buffer returns WSAEINTR when another thread closes the socket")
    public void required_closesocket_blockedSend_returnsWSAEINTR() {
        requiresFlowControl();
        Connection c = connect();
        long sent = fill(c.client());
        setBlocking(c.client(), true);
        BackgroundCall<WspResult<Integer>> send = inBackground("send",
                () -> ws.send(c.client(), Payload.at(sent, put.fillChunk()), 0));
        awaitBlocked(send, 1);
        ok(atOnce("closesocket", () -> ws.closeSocket(c.client())), "closesocket under a blocked send");
        fails(WsaError.WSAEINTR, send.join(put.realTimeout()), "the blocked send");
    }

    @Test
    @DisplayName("DESIGN: a thread blocked in accept returns WSAEINTR when another thread closes the listener")
    public void required_closesocket_blockedAccept_returnsWSAEINTR() {
        long l = listener();
        BackgroundCall<WspResult<Long>> accept = inBackground("accept", () -> ws.accept(l));
        awaitBlocked(accept, 1);
        ok(atOnce("closesocket", () -> ws.closeSocket(l)), "closesocket under a blocked accept");
        WspResult<Long> r = accept.join(put.realTimeout());
        if (r.isOk()) {
            track(r.value());
        }
        fails(WsaError.WSAEINTR, r, "the blocked accept");
    }
}

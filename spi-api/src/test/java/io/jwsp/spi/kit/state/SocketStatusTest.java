package io.jwsp.spi.kit.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.result.WsaError;
import org.junit.jupiter.api.Test;

class SocketStatusTest {

    @Test
    void checksRankNotASocketBeforeNotConnectedBeforeShutDown() {
        SocketStatus s = new SocketStatus();
        assertNull(s.ensureOpen());
        assertEquals(WsaError.WSAENOTCONN, s.ensureConnected());
        s.moveTo(SocketState.CONNECTED);
        assertNull(s.ensureConnected());
        assertTrue(s.shutdown(ShutdownHow.SD_BOTH));
        assertEquals(WsaError.WSAESHUTDOWN, s.ensureCanSend());
        assertEquals(WsaError.WSAESHUTDOWN, s.ensureCanReceive());
        s.moveTo(SocketState.CLOSING);
        // closesocket: "further references to s fail with WSAENOTSOCK", ahead of every other reason
        assertEquals(WsaError.WSAENOTSOCK, s.ensureOpen());
        assertEquals(WsaError.WSAENOTSOCK, s.ensureConnected());
        assertEquals(WsaError.WSAENOTSOCK, s.ensureCanSend());
        assertEquals(WsaError.WSAENOTSOCK, s.ensureCanReceive());
    }

    @Test
    void onceClosingTheStateOnlyMovesForward() {
        SocketStatus s = new SocketStatus();
        s.moveTo(SocketState.LISTENING);
        assertTrue(s.moveTo(SocketState.CLOSING));
        assertFalse(s.moveTo(SocketState.CONNECTED));
        assertFalse(s.moveTo(SocketState.CLOSING));
        assertEquals(SocketState.CLOSING, s.state());
        assertTrue(s.moveTo(SocketState.CLOSED));
        assertFalse(s.moveTo(SocketState.CLOSING));
        assertTrue(s.isClosing());
    }

    @Test
    void shutdownAnswersWhetherTheSendDirectionWasNewlyShut() {
        SocketStatus s = new SocketStatus();
        assertFalse(s.shutdown(ShutdownHow.SD_RECEIVE));
        assertTrue(s.receiveShut());
        assertFalse(s.sendShut());
        assertTrue(s.shutdown(ShutdownHow.SD_SEND));
        assertFalse(s.shutdown(ShutdownHow.SD_BOTH), "the end of stream goes out once");
    }
}

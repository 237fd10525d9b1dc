package io.jwsp.provider.tcp;

import static io.jwsp.provider.tcp.support.TcpHarness.drain;
import static io.jwsp.provider.tcp.support.TcpHarness.fill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.tcp.support.TcpHarness;
import io.jwsp.spi.WspSocket;
import io.jwsp.spi.close.CloseOutcome;
import io.jwsp.spi.close.CloseType;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.time.VirtualClock;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the kernel's send queue cannot be read (not Linux; here forced with {@code jwsp.tcp.sendqueue=unknown}), a
 * lingering close treats the queue as drained: a graceful close at once, the kernel still delivering everything.
 */
class UnknownSendQueueTest {

    @Test
    void fallback_lingerWithUnknownQueue_closesGracefullyAtOnce_peerStillGetsEverything() throws Exception {
        try (TcpHarness h = new TcpHarness(new VirtualClock(), Map.of("sendqueue", "unknown"));
             ServerSocket server = TcpHarness.smallListener4()) {
            WspSocket s = h.connectTo(server);
            try (Socket peerSocket = server.accept()) {
                long sent = fill(s);
                s.setSockOpt(SocketOptions.SO_LINGER, Linger.of(30)).value();
                assertTrue(s.closeSocket().isOk(), "no wait: the virtual clock never moves and close returns");
                assertEquals(sent, drain(peerSocket), "every byte, then EOF");
            }
            assertEquals(CloseOutcome.GRACEFUL_NOW, h.tap.lastClose().outcome());
            assertEquals(CloseType.GRACEFUL, h.tap.lastClose().type());
        }
    }
}

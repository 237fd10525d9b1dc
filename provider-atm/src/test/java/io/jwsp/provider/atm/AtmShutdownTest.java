package io.jwsp.provider.atm;

import static io.jwsp.provider.atm.AtmLab.pdu;
import static io.jwsp.provider.atm.AtmLab.recvNow;
import static io.jwsp.provider.atm.AtmLab.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shutdown never ends a blocked or pending receive (only data, the peer's end, or closesocket do), applied to ATM,
 * where shutdown(SD_SEND) releases the whole VC: a receive already waiting keeps waiting, a new one answers at once.
 */
class AtmShutdownTest {

    @Test
    void sdSend_releasesTheVc_aBlockedRecvWaitsForClose_aNewRecvAnswersWsaediscon() throws Exception {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            CompletableFuture<WspResult<Integer>> blocked = CompletableFuture.supplyAsync(
                    () -> p.client().recv(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, null));
            lab.clock.awaitWaiters(1, Duration.ofSeconds(10));
            assertTrue(p.client().shutdown(ShutdownHow.SD_SEND).isOk());
            lab.settle();
            assertTrue(lab.context.kinds().contains("RELEASE"), "SD_SEND releases the VC (no half-close on ATM)");
            assertFalse(blocked.isDone(), "our own RELEASE does not end the blocked recv");
            assertEquals(WsaError.WSAEDISCON, recvNow(p.client(), 10).result().error(), "a new recv");
            assertTrue(p.client().closeSocket().isOk());
            assertEquals(WsaError.WSAEINTR, blocked.get(10, TimeUnit.SECONDS).error(), "closesocket ends it");
        }
    }

    @Test
    void sdBoth_aPendingOverlappedRecvStaysPending_untilClosesocketAbortsIt() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            TestUpcalls.Flag done = new TestUpcalls.Flag();
            Overlapped ov = Overlapped.withEvent(done);
            assertTrue(p.client().recv(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, ov).isPending());
            assertTrue(p.client().shutdown(ShutdownHow.SD_BOTH).isOk());
            lab.settle();
            assertFalse(done.isSet(), "shutdown does not complete the pending recv");
            assertTrue(p.client().closeSocket().isOk());
            assertTrue(done.isSet());
            assertEquals(WsaError.WSA_OPERATION_ABORTED, ov.error());
        }
    }

    @Test
    void sdReceive_aPendingRecvTakesTheNextPdu_laterPdusAreDiscarded() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            TestUpcalls.Flag done = new TestUpcalls.Flag();
            Overlapped ov = Overlapped.withEvent(done);
            ByteBuffer into = ByteBuffer.allocate(100);
            assertTrue(p.accepted().recv(new ByteBuffer[] {into}, 0, ov).isPending());
            assertTrue(p.accepted().shutdown(ShutdownHow.SD_RECEIVE).isOk());
            send(p.client(), pdu(50, 0));
            lab.settle();
            assertTrue(done.isSet(), "the pending recv completes with the PDU");
            assertNull(ov.error());
            assertEquals(50, ov.bytesTransferred());
            assertArrayEquals(pdu(50, 0), Arrays.copyOf(into.array(), 50));
            send(p.client(), pdu(50, 1));
            lab.settle();
            assertEquals(WsaError.WSAESHUTDOWN, recvNow(p.accepted(), 100).result().error());
            assertEquals(0, p.accepted().ioctl(IoControls.FIONREAD, null, null).value(),
                    "the later PDU was discarded");
        }
    }
}

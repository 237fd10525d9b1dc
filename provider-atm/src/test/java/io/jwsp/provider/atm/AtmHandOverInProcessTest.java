package io.jwsp.provider.atm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.catalog.ProviderReserved;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The switch's hand-over of a VC between two of its ports, on a virtual clock, so that the cut falls where the test
 * puts it: in the middle of a PDU whose first cells reached the source and whose last ones are still on their way
 * (WSADuplicateSocket into another process; here both ports belong to this process, which takes duplicates, and the
 * provider is driven through the contract, below the runtime that would share the socket itself).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AtmHandOverInProcessTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aPduCutInTwoByTheHandOver_arrivesWhole_afterTheUnreadOne_andTheOriginalOnlyCloses() throws Exception {
        try (AtmLab lab = new AtmLab(Map.of("atm.acceptDuplicates", "true"))) {
            AtmLab.Pair pair = lab.connect();
            AtmSocket far = pair.client();
            AtmSocket source = pair.accepted();
            byte[] unread = AtmLab.pdu(1000, 1);
            byte[] cut = AtmLab.pdu(4000, 2);
            AtmLab.send(far, unread);
            lab.settle();
            AtmLab.send(far, cut);
            // the data latency plus a third of the PDU's cells: those reached the source, the rest are on their way
            long third = Aal5.cellsFor(cut.length) / 3 * lab.provider.timing().cellIntervalNanos();
            lab.clock.advanceNanos(lab.provider.timing().dataLatencyNanos() + third);

            CompletableFuture<WspResult<DuplicateInfo>> dup = CompletableFuture.supplyAsync(
                    () -> source.duplicateSocket(SELF));
            // the source's returned cells leave its adapter and cross the switch as the clock moves
            for (int i = 0; i < 1000 && !dup.isDone(); i++) {
                lab.clock.advance(Duration.ofMillis(5));
                dup.getNow(null);
            }
            DuplicateInfo info = dup.get(10, TimeUnit.SECONDS).value();
            assertEquals(SELF, info.processId());
            assertEquals(WsaError.WSAEINVAL, lab.provider.adoptSocket(info.info(),
                    ProviderReserved.of(new byte[24]), 0).error(), "not an ATM token");

            AtmSocket target = (AtmSocket) lab.provider.adoptSocket(info.info(), info.reserved(), 0).value();
            assertEquals(WsaError.WSAEINVAL, lab.provider.adoptSocket(info.info(), info.reserved(), 0).error(),
                    "a token is used once");
            lab.settle();
            assertArrayEquals(unread, AtmLab.recvNow(target, 65535).bytes(), "the PDU the source never read");
            assertArrayEquals(cut, AtmLab.recvNow(target, 65535).bytes(),
                    "the PDU the hand-over cut: its first cells given back, its last ones held and sent on");
            assertTrue(AtmLab.recvNow(target, 65535).is(WsaError.WSAEWOULDBLOCK), "nothing doubled");

            assertEquals(WsaError.WSAESHUTDOWN, source.send(new ByteBuffer[] {
                ByteBuffer.wrap(new byte[10])}, 0, null).error(), "the original does not send");
            assertEquals(WsaError.WSAESHUTDOWN, AtmLab.recvNow(source, 100).result().error(), "nor receive");
            assertTrue(source.closeSocket().isOk(), "the original's close");
            lab.settle();
            assertTrue(AtmLab.recvNow(far, 100).is(WsaError.WSAEWOULDBLOCK), "the original's close released nothing");

            AtmLab.send(target, AtmLab.pdu(300, 3));
            lab.settle();
            assertArrayEquals(AtmLab.pdu(300, 3), AtmLab.recvNow(far, 65535).bytes(), "the target sends");
            assertTrue(target.closeSocket().isOk());
            lab.settle();
            assertTrue(AtmLab.recvNow(far, 100).is(WsaError.WSAEDISCON), "the last close releases the VC");
            assertEquals(1, lab.provider.unwrap(AtmNetwork.class).orElseThrow().statistics().orElseThrow()
                    .handOvers());
        }
    }
}

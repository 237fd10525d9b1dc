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
import java.util.concurrent.TimeoutException;
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

            // the source's returned cells leave its adapter and cross the switch as the clock moves
            DuplicateInfo info = handOver(lab, source);
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

    @Test
    void aVcNobodyClaimsWithinTheTtl_isReleasedWithCause102_andItsTokenIsRefused() throws Exception {
        try (AtmLab lab = new AtmLab(Map.of("atm.acceptDuplicates", "true", "atm.duplicateTtlMillis", "5000"))) {
            AtmLab.Pair pair = lab.connect();
            DuplicateInfo info = handOver(lab, pair.accepted());
            assertTrue(AtmLab.recvNow(pair.client(), 100).is(WsaError.WSAEWOULDBLOCK), "parked, not yet expired");
            lab.clock.advance(Duration.ofMillis(5000));
            lab.settle();
            assertTrue(AtmLab.recvNow(pair.client(), 100).is(WsaError.WSAECONNRESET),
                    "the switch released the unclaimed call (cause 102, not a normal release)");
            assertEquals(WsaError.WSAEINVAL, lab.provider.adoptSocket(info.info(), info.reserved(), 0).error(),
                    "an expired token");
            assertEquals(1, lab.provider.unwrap(AtmNetwork.class).orElseThrow().statistics().orElseThrow()
                    .handOversRefused(), "refused and counted");
        }
    }

    /**
     * {@code source}'s duplicateSocket into this process, the clock moving 5 ms at a time (its cells leave the
     * adapter and cross the switch) until it answers, for at most 20 s of real time: far less virtual time than the
     * default time-to-live.
     */
    private static DuplicateInfo handOver(AtmLab lab, AtmSocket source) throws Exception {
        CompletableFuture<WspResult<DuplicateInfo>> dup = CompletableFuture.supplyAsync(
                () -> source.duplicateSocket(SELF));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                return dup.get(20, TimeUnit.MILLISECONDS).value();
            } catch (TimeoutException e) {
                lab.clock.advance(Duration.ofMillis(5));
            }
        }
        return dup.get(1, TimeUnit.SECONDS).value();
    }
}

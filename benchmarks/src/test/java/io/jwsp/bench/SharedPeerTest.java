package io.jwsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one peer thread of a TCP benchmark fork serves whichever side the benchmark thread hands it over to, and a
 * handover leaves nothing of one side in flight when the other starts. A peer on the wrong side would leave the
 * benchmark thread waiting for an echo or an acknowledgement: every test has a deadline that ends such a wait.
 */
class SharedPeerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private CountingTcpSide first;
    private CountingTcpSide second;

    @BeforeEach
    void open() throws Exception {
        first = new CountingTcpSide();
        second = new CountingTcpSide();
    }

    @AfterEach
    void close() throws Exception {
        first.close();
        second.close();
    }

    @Test
    void roundTripsGoToTheSideHandedOverToAndTheHandoverIsAcknowledged() {
        TcpBenchmark.Echo echo = new TcpBenchmark.Echo();
        assertTimeoutPreemptively(DEADLINE, () -> {
            try (SharedPeer peer = new SharedPeer(List.of(first, second), echo.service())) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(1, echo.operation(first));
                }
                TcpSide now = peer.handOver(1);
                assertEquals(second, now);
                for (int i = 0; i < 5; i++) {
                    assertEquals(1, echo.operation(second));
                }
                peer.handOver(0);
                assertEquals(1, echo.operation(first));
            }
        });
        assertEquals(3 + 1 + 1, first.serverReceived.get(), "3 round trips, the marker to side 1, 1 round trip");
        assertEquals(5 + 1, second.serverReceived.get(), "5 round trips and the marker back to side 0");
    }

    @Test
    void aBulkTransferEndsWhenThePeerHasReadItAllAndAHandoverFollowsIt() {
        TcpBenchmark.Bulk bulk = new TcpBenchmark.Bulk();
        long transfer = TcpBenchmark.TRANSFER;
        assertTimeoutPreemptively(DEADLINE, () -> {
            try (SharedPeer peer = new SharedPeer(List.of(first, second), bulk.service())) {
                assertEquals(transfer, bulk.operation(first));
                assertEquals(transfer, first.serverReceived.get(), "acknowledged only once all of it was read");
                peer.handOver(1);
                assertEquals(transfer, bulk.operation(second));
                assertEquals(transfer, bulk.operation(second));
                assertEquals(2 * transfer, second.serverReceived.get());
                peer.handOver(1); // a handover to the side already driven is acknowledged too
            }
        });
        assertEquals(transfer + 1, first.serverReceived.get(), "one transfer and the marker to side 1");
        assertEquals(2 * transfer + 1, second.serverReceived.get(), "two transfers and the marker");
    }

    @Test
    void aMarkerNamesItsSideAndDataNamesNone() {
        assertEquals(SharedPeer.SAME_SIDE, SharedPeer.sideNamedBy((byte) 0));
        assertEquals(0, SharedPeer.sideNamedBy(SharedPeer.markerFor(0)));
        assertEquals(1, SharedPeer.sideNamedBy(SharedPeer.markerFor(1)));
    }
}

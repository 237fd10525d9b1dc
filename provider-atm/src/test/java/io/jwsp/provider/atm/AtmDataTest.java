package io.jwsp.provider.atm;

import static io.jwsp.provider.atm.AtmLab.pdu;
import static io.jwsp.provider.atm.AtmLab.recvNow;
import static io.jwsp.provider.atm.AtmLab.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.atm.aal5.Aal5;
import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.io.Overlapped;
import io.jwsp.spi.io.ShutdownHow;
import io.jwsp.spi.option.IoControls;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** AAL5 data: message boundaries, sizes, and what a lost cell does. */
class AtmDataTest {
    @Test
    void messageOriented_threeSends_areThreeRecvs() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(10, 0));
            send(p.client(), pdu(100, 1));
            send(p.client(), pdu(1000, 2));
            lab.settle();
            assertEquals(10, p.accepted().ioctl(IoControls.FIONREAD, null, null).value(), "FIONREAD: the first PDU");
            assertArrayEquals(pdu(10, 0), recvNow(p.accepted(), 65535).bytes());
            assertArrayEquals(pdu(100, 1), recvNow(p.accepted(), 65535).bytes());
            assertArrayEquals(pdu(1000, 2), recvNow(p.accepted(), 65535).bytes());
            assertEquals(WsaError.WSAEWOULDBLOCK, recvNow(p.accepted(), 65535).result().error());
        }
    }

    @Test
    void gatherSend_isOnePdu_scatterRecv_fillsInOrder() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            byte[] whole = pdu(300, 4);
            ByteBuffer a = ByteBuffer.wrap(Arrays.copyOfRange(whole, 0, 100));
            ByteBuffer b = ByteBuffer.wrap(Arrays.copyOfRange(whole, 100, 300));
            assertEquals(300, p.client().send(new ByteBuffer[] {a, b}, 0, null).value());
            lab.settle();
            ByteBuffer x = ByteBuffer.allocate(120);
            ByteBuffer y = ByteBuffer.allocate(500);
            AtmLab.nonBlocking(p.accepted(), true);
            assertEquals(300, p.accepted().recv(new ByteBuffer[] {x, y}, 0, null).value());
            assertArrayEquals(Arrays.copyOfRange(whole, 0, 120), x.array());
            assertArrayEquals(Arrays.copyOfRange(whole, 120, 300), Arrays.copyOf(y.array(), 180));
        }
    }

    @Test
    void wsaemsgsize_anOversizeSend_isRefused() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            WspResult<Integer> r = p.client().send(new ByteBuffer[] {ByteBuffer.allocate(Aal5.MAX_SDU + 1)}, 0, null);
            assertEquals(WsaError.WSAEMSGSIZE, r.error());
            assertEquals(65535, p.client().getSockOpt(SocketOptions.SO_MAX_MSG_SIZE).value());
            assertEquals(Aal5.MAX_SDU, send(p.client(), pdu(Aal5.MAX_SDU, 9)), "65535 bytes is the largest SDU");
            lab.settle();
            assertArrayEquals(pdu(Aal5.MAX_SDU, 9), recvNow(p.accepted(), 65535).bytes());
        }
    }

    @Test
    void wsaemsgsize_aShortReceiveBuffer_truncatesAndLosesTheRest() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            send(p.client(), pdu(100, 0));
            send(p.client(), pdu(20, 1));
            lab.settle();
            AtmLab.Read r = recvNow(p.accepted(), 30);
            assertEquals(WsaError.WSAEMSGSIZE, r.result().error());
            assertArrayEquals(Arrays.copyOf(pdu(100, 0), 30), r.bytes(), "the buffer holds the PDU's start");
            assertArrayEquals(pdu(20, 1), recvNow(p.accepted(), 30).bytes(), "the rest of the first PDU is gone");
            // Overlapped: the completion carries WSAEMSGSIZE and MSG_PARTIAL.
            send(p.client(), pdu(100, 2));
            lab.settle();
            Overlapped ov = Overlapped.polled();
            assertEquals(WsaError.WSAEMSGSIZE,
                    p.accepted().recv(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, ov).error());
            assertEquals(WsaError.WSAEMSGSIZE, ov.error());
            assertEquals(10, ov.bytesTransferred());
            assertEquals(MsgFlags.MSG_PARTIAL, ov.flags());
        }
    }

    @Test
    void aal5_oneLostCell_losesExactlyItsPdu_silently() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            // 200 bytes: 5 cells a PDU. Lose the second cell of the second PDU (cell index 6 on the VC).
            lab.provider.unwrap(AtmNetwork.class).orElseThrow().cellFault((port, vci, index, end) -> index == 6);
            for (int i = 0; i < 3; i++) {
                send(p.client(), pdu(200, i));
            }
            lab.settle();
            assertArrayEquals(pdu(200, 0), recvNow(p.accepted(), 65535).bytes());
            assertArrayEquals(pdu(200, 2), recvNow(p.accepted(), 65535).bytes());
            assertEquals(WsaError.WSAEWOULDBLOCK, recvNow(p.accepted(), 65535).result().error(), "no error shown");
            assertTrue(lab.context.kinds().contains("CELL_LOST"));
            assertTrue(lab.context.kinds().contains("PDU_DISCARDED"));
            AtmNetwork net = lab.provider.unwrap(AtmNetwork.class).orElseThrow();
            assertEquals(1, net.statistics().orElseThrow().cellsLost(), "the switch counts the lost cell");
            AdapterStatistics rx = net.adapterStatistics().get(1);
            assertEquals(1, rx.pdusDiscardedAal5(), "the receiving adapter counts the discarded PDU");
            assertEquals(2, rx.pdusDelivered());
            assertEquals(14, rx.cellsReceived(), "15 cells sent, one lost");
        }
    }

    @Test
    void aal5_aLostFinalCell_losesTwoPdus() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            lab.provider.unwrap(AtmNetwork.class).orElseThrow().cellFault((port, vci, index, end) -> index == 4);
            for (int i = 0; i < 3; i++) {
                send(p.client(), pdu(200, i));
            }
            lab.settle();
            assertArrayEquals(pdu(200, 2), recvNow(p.accepted(), 65535).bytes(), "PDUs 0 and 1 merged and failed");
            assertEquals(WsaError.WSAEWOULDBLOCK, recvNow(p.accepted(), 65535).result().error());
        }
    }

    @Test
    void noFlowControl_pdusBeyondTheReceiveBufferAreDropped() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            p.accepted().setSockOpt(SocketOptions.SO_RCVBUF, 250).value();
            send(p.client(), pdu(200, 0));
            send(p.client(), pdu(200, 1));
            lab.settle();
            assertArrayEquals(pdu(200, 0), recvNow(p.accepted(), 65535).bytes());
            assertEquals(WsaError.WSAEWOULDBLOCK, recvNow(p.accepted(), 65535).result().error());
            AdapterStatistics rx = lab.provider.unwrap(AtmNetwork.class).orElseThrow().adapterStatistics().get(1);
            assertEquals(1, rx.pdusDroppedReceiveFull(), "the drop is counted");
            assertEquals(1, rx.pdusDelivered());
        }
    }

    @Test
    void shutdownReceive_laterPdusAreDiscarded_andCounted() {
        try (AtmLab lab = new AtmLab()) {
            AtmLab.Pair p = lab.connect();
            p.accepted().shutdown(ShutdownHow.SD_RECEIVE).value();
            send(p.client(), pdu(200, 0));
            lab.settle();
            AdapterStatistics rx = lab.provider.unwrap(AtmNetwork.class).orElseThrow().adapterStatistics().get(1);
            assertEquals(Aal5.cellsFor(200), rx.cellsAfterRelease(), "SD_RECEIVE: the call's cells are discarded");
            assertEquals(0, rx.pdusDelivered());
        }
    }
}

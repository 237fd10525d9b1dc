package io.jwsp.provider.irda.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.provider.irda.medium.IrSpace;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.MediumSettings;
import io.jwsp.spi.close.CloseRecord;
import io.jwsp.spi.time.VirtualClock;
import io.jwsp.spi.trace.WireFrame;
import io.jwsp.spi.trace.WireTap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TinyTP's flow control checked where data arrives: each data PDU spends one credit the receiver granted, so a
 * data frame beyond the credit granted is a protocol error. IrLMP ends the connection: the frame is dropped and
 * counted, this end resets, and DISCONNECT (reason 0xFF, not a normal end) goes to the peer.
 */
class TinyTpCreditOnReceiptTest {
    private static final int PEER = 0x0BAD_F00D;
    private static final int PEER_LSAP = 0x20;
    private static final int LSAP = 0x10;
    private static final int CREDIT = 4;

    /** What the space put on the air, by kind. */
    private static final class Air implements WireTap {
        final List<String> kinds = new ArrayList<>();

        @Override
        public void frame(WireFrame frame) {
            kinds.add(frame.kind() + " " + frame.detail());
        }

        @Override
        public void closed(CloseRecord record) {
        }

        @Override
        public boolean enabled() {
            return true;
        }
    }

    private final Air air = new Air();
    private final IrSpace space = new IrSpace(new VirtualClock(), air,
            MediumSettings.from(Map.of("baud", "0", "credit", Integer.toString(CREDIT))));
    private final IrlmpStack stack = new IrlmpStack(space);
    private final int local = space.primaryDevice().id();

    private LmpFrame fromPeer(LmpFrame.Kind kind, int param, byte[] data) {
        return new LmpFrame(PEER, local, kind, PEER_LSAP, LSAP, param, data);
    }

    private TtpConnection accepted() {
        LsapListener l = stack.listen(local, LSAP, 1, () -> { });
        stack.frameArrived(fromPeer(LmpFrame.Kind.CONNECT, CREDIT, new byte[0]));
        TtpConnection c = l.poll();
        assertEquals(TtpConnection.State.OPEN, c.state());
        return c;
    }

    @Test
    void dataWithinTheCreditGranted_isKept_andDataBeyondIt_endsTheConnection() {
        space.lock().lock();
        try {
            TtpConnection c = accepted();
            for (int i = 0; i < CREDIT; i++) {
                stack.frameArrived(fromPeer(LmpFrame.Kind.DATA, 0, new byte[] {(byte) i, 1, 2}));
            }
            assertEquals(CREDIT * 3, c.rxBytes(), "the initial credit's frames are kept");
            // reading two whole frames grants two credits back (half the initial credit): two more may come
            assertEquals(6, c.read(new ByteBuffer[] {ByteBuffer.allocate(6)}, false));
            stack.frameArrived(fromPeer(LmpFrame.Kind.DATA, 0, new byte[] {9, 9, 9}));
            stack.frameArrived(fromPeer(LmpFrame.Kind.DATA, 0, new byte[] {9, 9, 9}));
            assertEquals(TtpConnection.State.OPEN, c.state(), "credit granted again is credit");
            assertEquals(0, stack.framesBeyondCredit());

            stack.frameArrived(fromPeer(LmpFrame.Kind.DATA, 0, new byte[] {6, 6, 6}));

            assertEquals(1, stack.framesBeyondCredit(), "the frame beyond the credit is counted");
            assertEquals(TtpConnection.State.CLOSED, c.state());
            assertEquals(TtpConnection.Ending.RESET, c.ending(), "a protocol error is not a normal end");
            assertEquals(0, c.rxBytes(), "nothing of the connection stays readable");
            assertTrue(air.kinds.stream().anyMatch(k -> k.startsWith("DISCONNECT") && k.contains("255")),
                    "the peer is told with DISCONNECT, reason 0xFF: " + air.kinds);
        } finally {
            space.lock().unlock();
        }
    }

    @Test
    void aDataLessFrame_spendsNoCredit() {
        space.lock().lock();
        try {
            TtpConnection c = accepted();
            for (int i = 0; i < CREDIT * 3; i++) {
                stack.frameArrived(fromPeer(LmpFrame.Kind.DATA, 1, new byte[0])); // credit only, to this end
            }
            assertEquals(TtpConnection.State.OPEN, c.state());
            assertEquals(0, stack.framesBeyondCredit());
            assertEquals(CREDIT + CREDIT * 3, c.sendCredit(), "the peer's grants add up");
        } finally {
            space.lock().unlock();
        }
    }
}

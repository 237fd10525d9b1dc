package io.jwsp.provider.irda;

import io.jwsp.provider.irda.frame.IrlapCodec;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.LmpFrame;

/** Frames as {@code UdpTransport} hands them to the carriage: the IrLAP bytes behind {@link FrameCodec}'s header. */
final class IrdaDatagrams {
    /** Where the source device sits in a datagram: after 'I' 'R' version seq(4). */
    static final int SRC_OFFSET = 7;
    /** FrameCodec's header: then src(4) dst(4) len(2). */
    static final int HEADER = SRC_OFFSET + 4 + 4 + 2;

    private IrdaDatagrams() {
    }

    /** {@code f} as a datagram; an I-frame on connection address 1 from the primary, N(S) = N(R) = 0. */
    static byte[] of(LmpFrame f) {
        boolean xid = f.kind() == LmpFrame.Kind.XID_CMD || f.kind() == LmpFrame.Kind.XID_RSP;
        byte[] irlap = xid ? IrlapCodec.xid(f) : IrlapCodec.iframe(f, 1, true, 0, 0, true);
        return FrameCodec.encode(0, f.srcDevice(), f.dstDevice(), irlap);
    }
}

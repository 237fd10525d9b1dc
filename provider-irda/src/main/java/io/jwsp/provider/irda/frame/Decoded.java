package io.jwsp.provider.irda.frame;

import io.jwsp.provider.irda.medium.LmpFrame;

/**
 * What {@link IrlapCodec#decode} made of some bytes: a frame for IrLMP, an IrLAP link-control frame the stack does
 * not see (SNRM, UA, RR, DISC, DM), or malformed input with the reason.
 */
public sealed interface Decoded {
    /** An I-frame or XID frame, as the stack's frame. */
    record Frame(LmpFrame frame) implements Decoded {
    }

    /** A well-formed IrLAP frame without IrLMP content. */
    record LinkControl(String name) implements Decoded {
    }

    /** Not an IrLAP frame jwsp understands. */
    record Malformed(String reason) implements Decoded {
    }

    static Decoded malformed(String reason) {
        return new Malformed(reason);
    }
}

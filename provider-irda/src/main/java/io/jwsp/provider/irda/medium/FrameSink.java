package io.jwsp.provider.irda.medium;

/**
 * The IrLMP side of the medium: what runs on the devices of this space. Every call comes with the space's lock
 * held, and must be short: it may queue frames, never wait.
 */
public interface FrameSink {
    /** A frame finished crossing the link and arrived at a device of this space. */
    void frameArrived(LmpFrame frame);

    /** A frame left the sending device (its air time is over); the sender may count it as handed on. */
    void frameTransmitted(LmpFrame frame);

    /** The IrLAP link between two devices failed (out of range past the disconnect threshold). */
    void linkLost(int deviceA, int deviceB);
}

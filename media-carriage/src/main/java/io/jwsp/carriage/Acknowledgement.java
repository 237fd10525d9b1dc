package io.jwsp.carriage;

/** How a wait for a {@link DeliveryMark} ended. */
public enum Acknowledgement {
    /** The peer acknowledged every frame up to the mark. */
    ACKNOWLEDGED,
    /** The session that carried the frames is over: the peer was lost or restarted, or the carriage closed. */
    PEER_LOST,
    /** Time ran out with the session still alive and frames unacknowledged. */
    TIMED_OUT
}

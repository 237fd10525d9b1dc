package io.jwsp.spi.kit.transmit;

import io.jwsp.spi.ext.transmit.TransmitPackets;

/** How big a transmit's sends are, from the caller's send size and the socket's kind. */
final class TransmitSizes {
    /** nSendSize / nNumberOfBytesPerSend 0: the sockets layer's choice, 64 KiB. */
    static final long DEFAULT_SEND = 64 << 10;
    /** A stream's sends are cut at 1 MiB whatever the caller asked: on a stream the peer cannot tell. */
    static final long STREAM_CAP = 1 << 20;
    /** The scratch buffer file bytes are read into is never larger. */
    static final long SCRATCH_MAX = STREAM_CAP;

    private TransmitSizes() {
    }

    /**
     * The most bytes of one send. {@code requested} 0 is the default (on a message socket at most its largest
     * message, {@code maxMessage} when &gt; 0); {@link TransmitPackets#SEND_SIZE_BY_EOP} on a message socket leaves the
     * messages to the caller's TP_ELEMENT_EOP marks.
     */
    static long limit(long requested, boolean messages, int maxMessage) {
        if (requested == 0) {
            return messages && maxMessage > 0 ? Math.min(DEFAULT_SEND, maxMessage) : DEFAULT_SEND;
        }
        if (!messages) {
            return Math.min(requested, STREAM_CAP);
        }
        return requested == TransmitPackets.SEND_SIZE_BY_EOP ? Long.MAX_VALUE : requested;
    }
}

package io.jwsp.spi.trace;

/**
 * The pcap link-layer header types jwsp's media are captured as (tcpdump.org "LINKTYPE_" registry). The bytes of a
 * {@link WirePacket} start with the header the type defines.
 */
public enum CaptureLink {
    /** LINKTYPE_RAW: an IPv4 or IPv6 header first, no link layer (loopback's synthesised TCP/UDP). */
    RAW(101),
    /** LINKTYPE_SUNATM: 4 bytes (direction and traffic type, VPI, VCI) then one reassembled AAL5 PDU. */
    SUNATM(123),
    /** LINKTYPE_LINUX_IRDA: a 16-byte Linux cooked header (packet type, protocol 0x0017) then an IrLAP frame. */
    LINUX_IRDA(144);

    private final int code;

    CaptureLink(int code) {
        this.code = code;
    }

    /** The LINKTYPE_ number a pcapng Interface Description Block carries. */
    public int code() {
        return code;
    }
}

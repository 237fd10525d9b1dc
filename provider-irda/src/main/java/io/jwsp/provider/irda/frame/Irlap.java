package io.jwsp.provider.irda.frame;

/** IrLAP 1.1 field values (sections 5.2 and 6.6): address and control octets, negotiation parameter ids. */
final class Irlap {
    /** Address octet bit 0: set on command frames (from the primary), clear on responses. */
    static final int CR = 0x01;
    /** The broadcast connection address (0x7F) shifted into the address octet. */
    static final int BROADCAST = 0xFE;
    /** Control octet P/F bit. */
    static final int PF = 0x10;

    /** Unnumbered frames, P/F clear. */
    static final int SNRM = 0x83;
    static final int DISC = 0x43;
    static final int UA = 0x63;
    static final int DM = 0x0F;
    static final int XID_CMD = 0x2F;
    static final int XID_RSP = 0xAF;
    /** Supervisory RR: 0x01 | Nr << 5. */
    static final int RR = 0x01;

    /** XID format identifier for discovery (6.11.1). */
    static final int XID_FORMAT_DISCOVERY = 0x01;
    /** XID version number: IrLAP 1.x. */
    static final int XID_VERSION = 0x00;

    /** Negotiation parameters (6.6.1): PI values. */
    static final int PI_BAUD = 0x01;
    static final int PI_MAX_TURN = 0x82;
    static final int PI_DATA_SIZE = 0x83;
    static final int PI_WINDOW = 0x84;
    static final int PI_ADD_BOFS = 0x85;
    static final int PI_MIN_TURN = 0x86;
    static final int PI_LINK_DISC = 0x08;

    /** IrLMP: control bit on the DLSAP octet, opcodes. */
    static final int LMP_CONTROL = 0x80;
    static final int LMP_CONNECT = 0x01;
    static final int LMP_CONFIRM = 0x81;
    static final int LMP_DISCONNECT = 0x02;

    /** LM-IAS control octet: Last bit and the GetValueByClass opcode. */
    static final int IAS_LAST = 0x80;
    static final int IAS_GET_VALUE_BY_CLASS = 0x04;

    private Irlap() {
    }
}

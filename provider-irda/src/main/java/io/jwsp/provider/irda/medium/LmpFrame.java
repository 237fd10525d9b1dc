package io.jwsp.provider.irda.medium;

import java.util.Objects;

/**
 * One IrLAP I-frame as the simulation carries it: the IrLMP header (destination and source LSAP selectors, the
 * control bit and opcode for control frames) and, for connection data, the TinyTP header byte (a credit grant).
 * IAS frames are IrLMP data addressed to LSAP 0; XID frames are the discovery exchange below IrLMP.
 *
 * @param srcDevice the sending device's IrLAP address
 * @param dstDevice the receiving device's IrLAP address
 * @param kind      what the frame is
 * @param slsap     source LSAP selector
 * @param dlsap     destination LSAP selector
 * @param param     TinyTP credit (DATA, CONNECT, CONFIRM), reason (DISCONNECT); 0 for IAS and XID
 * @param data      payload (user data, IAS request or answer, XID device info); never null
 */
public record LmpFrame(int srcDevice, int dstDevice, Kind kind, int slsap, int dlsap, int param, byte[] data) {
    /** IrLAP address + control, FCS, and the BOF/EOF flags around every frame. */
    private static final int LAP_OVERHEAD = 6;

    public enum Kind {
        /** TinyTP data; {@code param} piggybacks a credit grant. Empty payload: a data-less credit frame. */
        DATA(-1),
        /** IrLMP CONNECT (control bit set, opcode 0x01), with TinyTP's initial credit. */
        CONNECT(0x01),
        /** IrLMP CONNECT-CONFIRM (0x81), with TinyTP's initial credit. */
        CONFIRM(0x81),
        /** IrLMP DISCONNECT (0x02) + reason. Not credit-controlled; travels in order behind data. */
        DISCONNECT(0x02),
        /** IAS GetValueByClass request to LSAP 0. */
        IAS_REQUEST(-1),
        /** IAS GetValueByClass answer. */
        IAS_RESPONSE(-1),
        /** IrLAP discovery command (XID 0x2F). */
        XID_CMD(0x2F),
        /** IrLAP discovery response (XID 0xAF). */
        XID_RSP(0xAF);

        private final int opcode;

        Kind(int opcode) {
            this.opcode = opcode;
        }

        /** The IrLMP opcode or IrLAP control byte, -1 for data frames. */
        public int opcode() {
            return opcode;
        }
    }

    /** IrLMP DISCONNECT reasons (IrLMP 1.1, 4.3). */
    public static final int REASON_USER_REQUEST = 1;
    public static final int REASON_UNEXPECTED_LAP_DISCONNECT = 2;
    public static final int REASON_LM_INITIATED = 5;
    /** Unspecified: what a protocol error (data beyond TinyTP's credit) ends a connection with. */
    public static final int REASON_UNSPECIFIED = 0xFF;

    public LmpFrame {
        Objects.requireNonNull(kind, "kind");
        data = data == null ? new byte[0] : data;
    }

    public boolean isCredit() {
        return kind == Kind.DATA && data.length == 0;
    }

    /** Bytes on the air: IrLAP framing, the IrLMP header and, where present, the TinyTP or control bytes. */
    public int airBytes() {
        int header = switch (kind) {
            case DATA, CONNECT, CONFIRM -> 2 + 1;
            case DISCONNECT -> 2 + 2;
            case IAS_REQUEST, IAS_RESPONSE -> 2 + 1;
            case XID_CMD, XID_RSP -> 10;
        };
        return LAP_OVERHEAD + header + data.length;
    }

    /** The name a trace shows. */
    public String traceKind() {
        return switch (kind) {
            case DATA -> data.length == 0 ? "CREDIT" : "DATA";
            case XID_CMD, XID_RSP -> "XID";
            case IAS_REQUEST, IAS_RESPONSE -> "IAS";
            default -> kind.name();
        };
    }

    public String traceDetail() {
        return switch (kind) {
            case DATA -> data.length == 0 ? "credit +" + param : "I-frame" + (param > 0 ? ", credit +" + param : "");
            case CONNECT -> "0x01, initial credit " + param;
            case CONFIRM -> "0x81, initial credit " + param;
            case DISCONNECT -> "0x02, reason " + param + " (" + reasonName(param) + ")";
            case IAS_REQUEST -> "GetValueByClass request from LSAP " + slsap;
            case IAS_RESPONSE -> "GetValueByClass answer to LSAP " + dlsap + ", result " + (data.length > 0 ? data[0] : -1);
            case XID_CMD -> "0x2F discovery command";
            case XID_RSP -> "0xAF discovery response";
        };
    }

    public static String reasonName(int reason) {
        return switch (reason) {
            case 1 -> "user request";
            case 2 -> "unexpected IrLAP disconnect";
            case 3 -> "IrLAP connect failed";
            case 4 -> "IrLAP reset";
            case 5 -> "LM-initiated";
            default -> "reason " + reason;
        };
    }

    public String fromText() {
        return DeviceInfo.hex(srcDevice) + "/" + slsap;
    }

    public String toText() {
        return DeviceInfo.hex(dstDevice) + "/" + dlsap;
    }
}

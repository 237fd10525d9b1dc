package io.jwsp.provider.irda.frame;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.provider.irda.medium.FrameCodec;
import io.jwsp.provider.irda.medium.LmpFrame;
import io.jwsp.provider.irda.medium.MediumSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link LmpFrame} to IrLAP bytes and back: the address octet (7-bit connection address, C/R bit), the control
 * octet (I-frames with N(S), N(R) and P/F; RR; SNRM, UA, DISC, DM and XID), then IrLMP (DLSAP with the control bit,
 * SLSAP, opcode and parameter), TinyTP's octet (M bit, credit; P bit, initial credit) and LM-IAS GetValueByClass.
 * BOF/EOF and the FCS are the physical layer's and are not part of these bytes (as in a Linux IrDA capture).
 *
 * <p>{@link #decode} is total: any input answers a {@link Decoded}, never an exception.
 */
public final class IrlapCodec {
    /** TinyTP credit field: 7 bits. */
    public static final int MAX_CREDIT = 0x7F;
    private static final int TTP_MORE = 0x80;
    private static final int IAS_CTL = Irlap.IAS_LAST | Irlap.IAS_GET_VALUE_BY_CLASS;
    /** Address, control, DLSAP, SLSAP, TinyTP octet. */
    private static final int DATA_HEADER = 5;

    private IrlapCodec() {
    }

    /**
     * An I-frame carrying {@code f} (every kind but XID).
     *
     * @param connAddr the link's 7-bit connection address
     * @param command  whether the sender is the link's primary (C/R set)
     * @param ns       the sender's send count, modulo 8
     * @param nr       the sender's receive count (the next frame it expects), modulo 8
     * @param pf       the P/F bit: the last frame before the line turns round
     */
    public static byte[] iframe(LmpFrame f, int connAddr, boolean command, int ns, int nr, boolean pf) {
        return contiguous(head(f, connAddr, command, ns, nr, pf), tail(f));
    }

    /**
     * The octets of an I-frame before {@link #tail}: for a data frame its five header octets (address, control,
     * DLSAP, SLSAP, TinyTP), for every other frame all of it. The medium moves a data frame as these octets with
     * the payload buffer gathered behind them, as a DMA descriptor list would, so the bulk of the traffic is not
     * copied in process; captures and the UDP carriage get {@link #contiguous} frames.
     */
    public static byte[] head(LmpFrame f, int connAddr, boolean command, int ns, int nr, boolean pf) {
        int address = address(connAddr, command);
        int control = (nr & 7) << 5 | (pf ? Irlap.PF : 0) | (ns & 7) << 1;
        int dlsap = f.dlsap() & 0x7F;
        int slsap = f.slsap() & 0x7F;
        if (f.kind() == LmpFrame.Kind.DATA) {
            return new byte[] {(byte) address, (byte) control, (byte) dlsap, (byte) slsap,
                    (byte) Math.min(f.param(), MAX_CREDIT)};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + f.data().length);
        out.write(address);
        out.write(control);
        switch (f.kind()) {
            case DATA -> throw new IllegalStateException("a data frame's head is built above");
            case CONNECT, CONFIRM -> {
                out.write(Irlap.LMP_CONTROL | dlsap);
                out.write(slsap);
                out.write(f.kind() == LmpFrame.Kind.CONNECT ? Irlap.LMP_CONNECT : Irlap.LMP_CONFIRM);
                out.write(0); // the reserved parameter octet
                out.write(Math.min(f.param(), MAX_CREDIT)); // TinyTP: P clear, initial credit
                out.writeBytes(f.data());
            }
            case DISCONNECT -> {
                out.write(Irlap.LMP_CONTROL | dlsap);
                out.write(slsap);
                out.write(Irlap.LMP_DISCONNECT);
                out.write(f.param());
            }
            case IAS_REQUEST -> {
                out.write(dlsap);
                out.write(slsap);
                out.write(IAS_CTL);
                out.writeBytes(f.data()); // class and attribute, each length-prefixed
            }
            case IAS_RESPONSE -> {
                out.write(dlsap);
                out.write(slsap);
                out.write(IAS_CTL);
                writeIasResult(out, f.data());
            }
            case XID_CMD, XID_RSP -> throw new IllegalArgumentException("XID is not an I-frame");
        }
        return out.toByteArray();
    }

    /** The payload gathered behind {@link #head}: a data frame's user data, nothing for the other frames. */
    public static byte[] tail(LmpFrame f) {
        return f.kind() == LmpFrame.Kind.DATA ? f.data() : NOTHING;
    }

    private static final byte[] NOTHING = new byte[0];

    /** Head and tail as one frame. */
    public static byte[] contiguous(byte[] head, byte[] tail) {
        if (tail.length == 0) {
            return head;
        }
        byte[] b = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, b, head.length, tail.length);
        return b;
    }

    /**
     * Reads a frame that arrived as a head with a gathered tail: a data frame's payload is the tail itself (not
     * copied); anything else is read as the contiguous frame. Total, like {@link #decode}.
     */
    public static Decoded decode(byte[] head, byte[] tail, int srcDevice, int dstDevice) {
        if (head != null && tail != null && tail.length > 0 && head.length == DATA_HEADER
                && (head[1] & 0x01) == 0 && (head[2] & Irlap.LMP_CONTROL) == 0 && (head[2] & 0x7F) != 0
                && (head[3] & 0x7F) != 0 && (head[4] & TTP_MORE) == 0) {
            return new Decoded.Frame(new LmpFrame(srcDevice, dstDevice, LmpFrame.Kind.DATA, head[3] & 0x7F,
                    head[2] & 0x7F, head[4] & MAX_CREDIT, tail));
        }
        return decode(head == null || tail == null ? null : contiguous(head, tail), srcDevice, dstDevice);
    }

    /** The stack keeps an answer as result then value; the wire adds list length and object id on success. */
    private static void writeIasResult(ByteArrayOutputStream out, byte[] data) {
        int result = data.length == 0 ? 1 : data[0] & 0xFF;
        out.write(result);
        if (result == 0 && data.length > 1) {
            out.write(0);
            out.write(1); // one list entry
            out.write(0);
            out.write(0); // object id 0
            out.write(data, 1, data.length - 1);
        }
    }

    /**
     * An XID discovery command (broadcast, final slot) or response, from the device info in {@code f}'s data.
     * Only this process's own frames are encoded, so device info too short to read is a bug of the caller.
     *
     * @throws IllegalArgumentException when {@code f}'s data is not device info
     */
    public static byte[] xid(LmpFrame f) {
        DeviceInfo d = FrameCodec.decodeDevice(f.data());
        if (d == null) {
            throw new IllegalArgumentException("XID frame without device info: " + f.data().length + " octets");
        }
        boolean command = f.kind() == LmpFrame.Kind.XID_CMD;
        byte[] nick = d.nickname().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + nick.length);
        out.write(address(0x7F, command));
        out.write((command ? Irlap.XID_CMD : Irlap.XID_RSP) | Irlap.PF);
        out.write(Irlap.XID_FORMAT_DISCOVERY);
        writeLe32(out, f.srcDevice());
        writeLe32(out, f.dstDevice());
        out.write(0x00); // discovery flags: 1 slot, no conflict
        out.write(command ? 0xFF : 0x00); // slot number: the final slot
        out.write(Irlap.XID_VERSION);
        if (d.hints2() != 0) {
            out.write(d.hints1() | 0x80);
            out.write(d.hints2() & 0x7F);
        } else {
            out.write(d.hints1() & 0x7F);
        }
        out.write(d.charset());
        out.writeBytes(nick);
        return out.toByteArray();
    }

    /** SNRM from the primary with the connection address it assigns and the QoS it proposes. */
    public static byte[] snrm(int src, int dst, int connAddr, MediumSettings s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(Irlap.BROADCAST | Irlap.CR);
        out.write(Irlap.SNRM | Irlap.PF);
        writeLe32(out, src);
        writeLe32(out, dst);
        out.write(connAddr << 1);
        qos(out, s);
        return out.toByteArray();
    }

    /** UA from the secondary, with the negotiated QoS. */
    public static byte[] ua(int src, int dst, int connAddr, MediumSettings s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(address(connAddr, false));
        out.write(Irlap.UA | Irlap.PF);
        writeLe32(out, src);
        writeLe32(out, dst);
        qos(out, s);
        return out.toByteArray();
    }

    /** RR: the receiver acknowledges up to {@code nr} and hands the line back. */
    public static byte[] rr(int connAddr, boolean command, int nr) {
        return new byte[] {(byte) address(connAddr, command), (byte) (Irlap.RR | (nr & 7) << 5 | Irlap.PF)};
    }

    /** DISC from the primary. */
    public static byte[] disc(int connAddr) {
        return new byte[] {(byte) address(connAddr, true), (byte) (Irlap.DISC | Irlap.PF)};
    }

    /** A bare UA (the answer to DISC). */
    public static byte[] ua(int connAddr) {
        return new byte[] {(byte) address(connAddr, false), (byte) (Irlap.UA | Irlap.PF)};
    }

    /** DM: the secondary is disconnected (the answer to a frame on a link it no longer has). */
    public static byte[] dm(int connAddr) {
        return new byte[] {(byte) address(connAddr, false), (byte) (Irlap.DM | Irlap.PF)};
    }

    private static int address(int connAddr, boolean command) {
        return (connAddr & 0x7F) << 1 | (command ? Irlap.CR : 0);
    }

    private static void qos(ByteArrayOutputStream out, MediumSettings s) {
        param(out, Irlap.PI_BAUD, baudBits(s.baud()));
        param(out, Irlap.PI_MAX_TURN, 0x01); // 500 ms
        param(out, Irlap.PI_DATA_SIZE, sizeBits(s.dataSize()));
        param(out, Irlap.PI_WINDOW, 1 << (Math.clamp(s.window(), 1, 7) - 1));
        param(out, Irlap.PI_ADD_BOFS, 0x80); // none
        param(out, Irlap.PI_MIN_TURN, 0x80); // 0 ms
        param(out, Irlap.PI_LINK_DISC, thresholdBits(s.thresholdNanos()));
    }

    private static void param(ByteArrayOutputStream out, int pi, int value) {
        out.write(pi);
        out.write(1);
        out.write(value);
    }

    private static int baudBits(int baud) {
        int[] rates = {2400, 9600, 19200, 38400, 57600, 115200, 576000, 1152000};
        int bits = 0x20; // an instant medium (baud 0) calls itself 115200
        for (int i = 0; i < rates.length; i++) {
            if (baud >= rates[i]) {
                bits = 1 << i;
            }
        }
        return bits;
    }

    private static int sizeBits(int dataSize) {
        int bits = 0x01;
        for (int i = 0, n = 64; i < 6; i++, n <<= 1) {
            if (dataSize >= n) {
                bits = 1 << i;
            }
        }
        return bits;
    }

    private static int thresholdBits(long nanos) {
        int[] seconds = {3, 8, 12, 16, 20, 25, 30, 40};
        long s = nanos / 1_000_000_000L;
        int bits = 0x01;
        for (int i = 0; i < seconds.length; i++) {
            if (s >= seconds[i]) {
                bits = 1 << i;
            }
        }
        return bits;
    }

    private static void writeLe32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    // ---- decoding

    /**
     * Reads one IrLAP frame between two known devices (the link it came over names them; an XID names its own).
     * Total: answers {@link Decoded.Malformed} for anything it cannot read.
     */
    public static Decoded decode(byte[] b, int srcDevice, int dstDevice) {
        if (b == null || b.length < 2) {
            return Decoded.malformed("shorter than address and control");
        }
        int control = b[1] & 0xFF;
        if ((control & 0x01) == 0) {
            return iframe(b, srcDevice, dstDevice);
        }
        if ((control & 0x03) == 0x01) {
            return (control & 0x0F) == Irlap.RR ? new Decoded.LinkControl("RR")
                    : Decoded.malformed("supervisory frame other than RR");
        }
        int u = control & ~Irlap.PF;
        return switch (u) {
            case Irlap.XID_CMD, Irlap.XID_RSP -> xidFrame(b, u == Irlap.XID_CMD);
            case Irlap.SNRM -> b.length >= 11 ? new Decoded.LinkControl("SNRM") : Decoded.malformed("short SNRM");
            case Irlap.UA -> new Decoded.LinkControl("UA");
            case Irlap.DISC -> new Decoded.LinkControl("DISC");
            case Irlap.DM -> new Decoded.LinkControl("DM");
            default -> Decoded.malformed("unnumbered frame 0x" + Integer.toHexString(control));
        };
    }

    private static Decoded iframe(byte[] b, int src, int dst) {
        if (b.length < 4) {
            return Decoded.malformed("I-frame without an IrLMP header");
        }
        int dl = b[2] & 0xFF;
        int dlsap = dl & 0x7F;
        int slsap = b[3] & 0x7F;
        if ((dl & Irlap.LMP_CONTROL) != 0) {
            if (b.length < 5) {
                return Decoded.malformed("IrLMP control frame without an opcode");
            }
            int op = b[4] & 0xFF;
            switch (op) {
                case Irlap.LMP_CONNECT, Irlap.LMP_CONFIRM -> {
                    int credit = b.length >= 7 ? b[6] & MAX_CREDIT : 0;
                    byte[] data = b.length > 7 ? Arrays.copyOfRange(b, 7, b.length) : new byte[0];
                    LmpFrame.Kind k = op == Irlap.LMP_CONNECT ? LmpFrame.Kind.CONNECT : LmpFrame.Kind.CONFIRM;
                    return new Decoded.Frame(new LmpFrame(src, dst, k, slsap, dlsap, credit, data));
                }
                case Irlap.LMP_DISCONNECT -> {
                    int reason = b.length >= 6 ? b[5] & 0xFF : 0xFF;
                    return new Decoded.Frame(new LmpFrame(src, dst, LmpFrame.Kind.DISCONNECT, slsap, dlsap, reason,
                            new byte[0]));
                }
                default -> {
                    return Decoded.malformed("IrLMP opcode 0x" + Integer.toHexString(op));
                }
            }
        }
        if (b.length < 5) {
            return Decoded.malformed("IrLMP data frame without TinyTP or IAS octet");
        }
        if (dlsap == 0) {
            if ((b[4] & 0x3F) != Irlap.IAS_GET_VALUE_BY_CLASS || !iasNamesFit(b, 5)) {
                return Decoded.malformed("IAS request other than a well-formed GetValueByClass");
            }
            return new Decoded.Frame(new LmpFrame(src, dst, LmpFrame.Kind.IAS_REQUEST, slsap, 0, 0,
                    Arrays.copyOfRange(b, 5, b.length)));
        }
        if (slsap == 0) {
            byte[] answer = iasAnswer(b);
            return answer == null ? Decoded.malformed("IAS result that does not parse")
                    : new Decoded.Frame(new LmpFrame(src, dst, LmpFrame.Kind.IAS_RESPONSE, 0, dlsap, 0, answer));
        }
        if ((b[4] & TTP_MORE) != 0) {
            return Decoded.malformed("TinyTP segmentation (M bit) is not used by jwsp");
        }
        return new Decoded.Frame(new LmpFrame(src, dst, LmpFrame.Kind.DATA, slsap, dlsap, b[4] & MAX_CREDIT,
                Arrays.copyOfRange(b, DATA_HEADER, b.length)));
    }

    private static boolean iasNamesFit(byte[] b, int at) {
        if (at >= b.length) {
            return false;
        }
        int afterClass = at + 1 + (b[at] & 0xFF);
        return afterClass < b.length && afterClass + 1 + (b[afterClass] & 0xFF) == b.length;
    }

    /** Wire result to the stack's form: result then value on success; result and a type for the failures. */
    private static byte[] iasAnswer(byte[] b) {
        if (b.length < 6) {
            return null;
        }
        int result = b[5] & 0xFF;
        if (result != 0) {
            int type = result == 1 ? 0x10 : 0; // no such class / no such attribute
            return new byte[] {(byte) result, (byte) type};
        }
        int at = 10; // control, result, list length (2), object id (2)
        if (b.length < at + 1 || (((b[6] & 0xFF) << 8) | (b[7] & 0xFF)) < 1) {
            return null;
        }
        int type = b[at] & 0xFF;
        int end = switch (type) {
            case 1 -> at + 5;
            case 2 -> b.length >= at + 3 ? at + 3 + (((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF)) : -1;
            case 3 -> b.length >= at + 3 ? at + 3 + (b[at + 2] & 0xFF) : -1;
            case 0 -> at + 1;
            default -> -1;
        };
        if (end < 0 || end > b.length) {
            return null;
        }
        byte[] out = new byte[1 + end - at];
        System.arraycopy(b, at, out, 1, end - at);
        return out;
    }

    private static Decoded xidFrame(byte[] b, boolean command) {
        if (b.length < 15 || (b[2] & 0xFF) != Irlap.XID_FORMAT_DISCOVERY) {
            return Decoded.malformed("XID frame without discovery info");
        }
        int src = le32(b, 3);
        int dst = le32(b, 7);
        int at = 14;
        int hints1 = b[at] & 0xFF; // DeviceInfo keeps the extension bit in hint byte 1
        int hints2 = 0;
        if ((b[at++] & 0x80) != 0) {
            if (at >= b.length) {
                return Decoded.malformed("XID hints run past the frame");
            }
            hints2 = b[at++] & 0x7F;
            while ((b[at - 1] & 0x80) != 0) {
                if (at >= b.length) {
                    return Decoded.malformed("XID hints run past the frame");
                }
                at++;
            }
        }
        int charset = at < b.length ? b[at++] & 0xFF : 0;
        String nick = new String(b, at, b.length - at, StandardCharsets.ISO_8859_1);
        DeviceInfo d = new DeviceInfo(src, nick, hints1, hints2, charset);
        LmpFrame.Kind k = command ? LmpFrame.Kind.XID_CMD : LmpFrame.Kind.XID_RSP;
        return new Decoded.Frame(new LmpFrame(src, dst, k, 0, 0, 0, FrameCodec.encodeDevice(d)));
    }
}

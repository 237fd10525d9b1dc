package io.jwsp.provider.atm.q2931;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A signalling message in the Q.2931 layout (Q.2931 clause 4):
 * <pre>
 * octet 1      protocol discriminator 0x09
 * octet 2      call reference length, 3
 * octets 3-5   call reference: flag bit (1 = sent by the side that did not allocate it) + 23-bit value
 * octet 6      message type
 * octet 7      message compatibility instruction indicator, 0x80
 * octets 8-9   length of the information elements that follow
 * then         IEs: identifier, 0x80, 2-octet length, contents
 * </pre>
 * The encoding is deterministic, so two RELEASE messages for the same call reference and cause are byte-identical.
 */
public record Q2931Message(int callReference, boolean flag, MessageType type, List<InformationElement> elements) {
    public static final int PROTOCOL_DISCRIMINATOR = 0x09;
    public static final int MAX_CALL_REFERENCE = 0x7FFFFF;

    public Q2931Message {
        if (callReference < 0 || callReference > MAX_CALL_REFERENCE) {
            throw new IllegalArgumentException("call reference out of range: " + callReference);
        }
        elements = List.copyOf(elements);
    }

    public static Q2931Message of(int callReference, boolean flag, MessageType type, InformationElement... ies) {
        return new Q2931Message(callReference, flag, type, List.of(ies));
    }

    public Optional<InformationElement> element(int id) {
        return elements.stream().filter(e -> e.id() == id).findFirst();
    }

    public Optional<Cause> cause() {
        return element(InformationElement.CAUSE).map(e -> Cause.decode(e.contents()));
    }

    /** The VCI of a Connection Identifier IE, or -1. */
    public int vci() {
        return element(InformationElement.CONNECTION_IDENTIFIER)
                .map(e -> {
                    byte[] c = e.contents();
                    return c.length < 5 ? -1 : (c[3] & 0xFF) << 8 | c[4] & 0xFF;
                }).orElse(-1);
    }

    /** The VPI of a Connection Identifier IE, or -1. */
    public int vpi() {
        return element(InformationElement.CONNECTION_IDENTIFIER)
                .map(e -> {
                    byte[] c = e.contents();
                    return c.length < 3 ? -1 : (c[1] & 0xFF) << 8 | c[2] & 0xFF;
                }).orElse(-1);
    }

    /** The same message with another call reference and flag (what a switch does between the two legs). */
    public Q2931Message onLeg(int newCallReference, boolean newFlag) {
        return new Q2931Message(newCallReference, newFlag, type, elements);
    }

    public Q2931Message without(int id) {
        return new Q2931Message(callReference, flag, type, elements.stream().filter(e -> e.id() != id).toList());
    }

    public Q2931Message with(InformationElement ie) {
        List<InformationElement> l = new ArrayList<>(without(ie.id()).elements());
        l.add(ie);
        return new Q2931Message(callReference, flag, type, l);
    }

    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (InformationElement ie : elements) {
            byte[] c = ie.contents();
            body.write(ie.id());
            body.write(0x80);
            body.write(c.length >>> 8);
            body.write(c.length & 0xFF);
            body.write(c, 0, c.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PROTOCOL_DISCRIMINATOR);
        out.write(3);
        out.write((flag ? 0x80 : 0) | callReference >>> 16);
        out.write(callReference >>> 8 & 0xFF);
        out.write(callReference & 0xFF);
        out.write(type.code());
        out.write(0x80);
        out.write(body.size() >>> 8);
        out.write(body.size() & 0xFF);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Decodes a message; {@code null} when it is not a well-formed Q.2931 message this simulation knows. */
    public static Q2931Message decode(byte[] b) {
        if (b.length < 9 || (b[0] & 0xFF) != PROTOCOL_DISCRIMINATOR || b[1] != 3) {
            return null;
        }
        boolean flag = (b[2] & 0x80) != 0;
        int ref = (b[2] & 0x7F) << 16 | (b[3] & 0xFF) << 8 | b[4] & 0xFF;
        MessageType type = MessageType.ofCode(b[5] & 0xFF);
        int len = (b[7] & 0xFF) << 8 | b[8] & 0xFF;
        if (type == null || 9 + len != b.length) {
            return null;
        }
        List<InformationElement> ies = new ArrayList<>();
        int p = 9;
        while (p < b.length) {
            if (p + 4 > b.length) {
                return null;
            }
            int id = b[p] & 0xFF;
            int l = (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
            if (p + 4 + l > b.length) {
                return null;
            }
            byte[] c = new byte[l];
            System.arraycopy(b, p + 4, c, 0, l);
            ies.add(new InformationElement(id, c));
            p += 4 + l;
        }
        return new Q2931Message(ref, flag, type, ies);
    }

    @Override
    public String toString() {
        return type + "[cr=" + callReference + (flag ? "'" : "") + ", " + elements.size() + " IEs]";
    }
}

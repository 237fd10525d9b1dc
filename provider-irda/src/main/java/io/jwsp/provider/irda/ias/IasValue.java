package io.jwsp.provider.irda.ias;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An IAS attribute value (the union of IAS_SET and IAS_QUERY), or the answer that there is none. The type numbers
 * are af_irda.h's IAS_ATTRIB_*.
 */
public sealed interface IasValue {
    int IAS_ATTRIB_NO_ATTRIB = 0;
    int IAS_ATTRIB_INT = 1;
    int IAS_ATTRIB_OCTETSEQ = 2;
    int IAS_ATTRIB_STR = 3;
    int IAS_ATTRIB_NO_CLASS = 0x10;
    int MAX_OCTET_STRING = 1024;
    int MAX_USER_STRING = 255;

    int type();

    record IntValue(int value) implements IasValue {
        @Override public int type() { return IAS_ATTRIB_INT; }
    }

    record OctetSeq(byte[] bytes) implements IasValue {
        public OctetSeq {
            bytes = bytes.clone();
        }
        @Override public int type() { return IAS_ATTRIB_OCTETSEQ; }
        @Override public byte[] bytes() { return bytes.clone(); }
        @Override public boolean equals(Object o) { return o instanceof OctetSeq s && Arrays.equals(s.bytes, bytes); }
        @Override public int hashCode() { return Arrays.hashCode(bytes); }
        @Override public String toString() { return "OctetSeq[" + bytes.length + " bytes]"; }
    }

    /** A user string with its character set (0 = ASCII). */
    record UserString(int charset, String text) implements IasValue {
        public static UserString ascii(String text) {
            return new UserString(0, text);
        }
        @Override public int type() { return IAS_ATTRIB_STR; }
    }

    /** The class exists but lacks the attribute. */
    record NoAttribute() implements IasValue {
        @Override public int type() { return IAS_ATTRIB_NO_ATTRIB; }
    }

    /** No such class. */
    record NoClass() implements IasValue {
        @Override public int type() { return IAS_ATTRIB_NO_CLASS; }
    }

    /** Whether IAS_SET may store it (CE: octets over 1024 or strings over 255 are WSAEINVAL). */
    default boolean storable() {
        return switch (this) {
            case IntValue i -> true;
            case OctetSeq s -> s.bytes.length <= MAX_OCTET_STRING;
            case UserString u -> u.text().getBytes(StandardCharsets.ISO_8859_1).length <= MAX_USER_STRING;
            case NoAttribute n -> false;
            case NoClass n -> false;
        };
    }

    /** The form an IAS answer frame carries: type, then the value. */
    default byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type());
        switch (this) {
            case IntValue i -> out.writeBytes(ByteBuffer.allocate(4).putInt(i.value()).array());
            case OctetSeq s -> {
                out.write(s.bytes.length >>> 8);
                out.write(s.bytes.length);
                out.writeBytes(s.bytes);
            }
            case UserString u -> {
                byte[] b = u.text().getBytes(StandardCharsets.ISO_8859_1);
                out.write(u.charset());
                out.write(b.length);
                out.writeBytes(b);
            }
            case NoAttribute n -> { }
            case NoClass n -> { }
        }
        return out.toByteArray();
    }

    /** Decodes an IAS answer's value; a value too short for its fields is no attribute. */
    static IasValue fromBytes(byte[] data, int offset) {
        if (offset >= data.length) {
            return new NoAttribute();
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, data.length - offset);
        int type = b.get() & 0xFF;
        return switch (type) {
            case IAS_ATTRIB_INT -> b.remaining() < 4 ? new NoAttribute() : new IntValue(b.getInt());
            case IAS_ATTRIB_OCTETSEQ -> {
                if (b.remaining() < 2) {
                    yield new NoAttribute();
                }
                int n = (b.get() & 0xFF) << 8 | (b.get() & 0xFF);
                if (b.remaining() < n) {
                    yield new NoAttribute();
                }
                byte[] v = new byte[n];
                b.get(v);
                yield new OctetSeq(v);
            }
            case IAS_ATTRIB_STR -> {
                if (b.remaining() < 2) {
                    yield new NoAttribute();
                }
                int cs = b.get() & 0xFF;
                int n = b.get() & 0xFF;
                if (b.remaining() < n) {
                    yield new NoAttribute();
                }
                byte[] v = new byte[n];
                b.get(v);
                yield new UserString(cs, new String(v, StandardCharsets.ISO_8859_1));
            }
            case IAS_ATTRIB_NO_CLASS -> new NoClass();
            default -> new NoAttribute();
        };
    }
}

package io.jwsp.provider.atm.addr;

import java.util.Arrays;

/**
 * ATM_BHLI: the broadband high-layer information of a SAP, a type (or {@link SapField#ANY} / {@link SapField#ABSENT})
 * and up to 8 bytes. On the wire (the BHLI IE) the simulation writes the type octet and the bytes.
 */
public record Bhli(int type, byte[] info) {
    public static final int BHLI_ISO = 0;
    public static final int BHLI_USER_SPECIFIC = 1;
    public static final int BHLI_HIGH_LAYER_PROFILE = 2;
    public static final int BHLI_VENDOR_SPECIFIC_APP_ID = 3;

    public static final Bhli ABSENT = new Bhli(SapField.ABSENT, new byte[0]);
    public static final Bhli ANY = new Bhli(SapField.ANY, new byte[0]);

    public Bhli {
        if (info.length > 8) {
            throw new IllegalArgumentException("HighLayerInfo has at most 8 bytes");
        }
        info = (type == SapField.ANY || type == SapField.ABSENT) ? new byte[0] : info.clone();
    }

    @Override
    public byte[] info() {
        return info.clone();
    }

    public boolean isAbsent() {
        return type == SapField.ABSENT;
    }

    public boolean accepts(Bhli incoming) {
        return type == SapField.ANY || equals(incoming);
    }

    public boolean overlaps(Bhli o) {
        return type == SapField.ANY || o.type == SapField.ANY || equals(o);
    }

    public byte[] encode() {
        byte[] b = new byte[1 + info.length];
        b[0] = (byte) (0x80 | type);
        System.arraycopy(info, 0, b, 1, info.length);
        return b;
    }

    public static Bhli decode(byte[] c) {
        if (c == null || c.length < 1) {
            return ABSENT;
        }
        return new Bhli(c[0] & 0x7F, Arrays.copyOfRange(c, 1, c.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bhli b && b.type == type && Arrays.equals(b.info, info);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(info);
    }

    @Override
    public String toString() {
        return type == SapField.ANY || type == SapField.ABSENT ? SapField.text(type)
                : type + ":" + java.util.HexFormat.of().formatHex(info);
    }
}

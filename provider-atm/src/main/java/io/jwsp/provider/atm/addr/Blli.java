package io.jwsp.provider.atm.addr;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ATM_BLLI: the broadband low-layer information of a SAP. Each int field may be {@link SapField#ANY} (listeners
 * only) or {@link SapField#ABSENT}. On the wire (the BLLI IE) the simulation writes the five fields as 4-byte
 * big-endian values followed by the 5-byte SNAP ID; an all-ABSENT BLLI sends no IE at all.
 */
public record Blli(int layer2Protocol, int layer2UserSpecifiedProtocol, int layer3Protocol,
                   int layer3UserSpecifiedProtocol, int layer3Ipi, byte[] snapId) {
    public static final int BLLI_L2_LLC = 0xC;
    public static final int BLLI_L3_ISO_TR9577 = 0xB;

    public static final Blli ABSENT = new Blli(SapField.ABSENT, SapField.ABSENT, SapField.ABSENT, SapField.ABSENT,
            SapField.ABSENT, new byte[5]);
    /** What the ATM samples listen with: layer 2 ANY, layer 3 ABSENT. */
    public static final Blli LAYER2_ANY = new Blli(SapField.ANY, SapField.ABSENT, SapField.ABSENT,
            SapField.ABSENT, SapField.ABSENT, new byte[5]);

    public Blli {
        if (snapId.length != 5) {
            throw new IllegalArgumentException("SnapID has 5 bytes");
        }
        snapId = snapId.clone();
    }

    public static Blli layer2(int protocol) {
        return new Blli(protocol, SapField.ABSENT, SapField.ABSENT, SapField.ABSENT, SapField.ABSENT, new byte[5]);
    }

    private int[] fields() {
        return new int[] {layer2Protocol, layer2UserSpecifiedProtocol, layer3Protocol, layer3UserSpecifiedProtocol,
            layer3Ipi};
    }

    @Override
    public byte[] snapId() {
        return snapId.clone();
    }

    public boolean hasWildcard() {
        return Arrays.stream(fields()).anyMatch(f -> f == SapField.ANY);
    }

    public boolean isAbsent() {
        return Arrays.stream(fields()).allMatch(f -> f == SapField.ABSENT);
    }

    public boolean accepts(Blli incoming) {
        int[] p = fields();
        int[] v = incoming.fields();
        for (int i = 0; i < p.length; i++) {
            if (!SapField.accepts(p[i], v[i])) {
                return false;
            }
        }
        return layer3Protocol == SapField.ANY || Arrays.equals(snapId, incoming.snapId);
    }

    public boolean overlaps(Blli o) {
        int[] a = fields();
        int[] b = o.fields();
        for (int i = 0; i < a.length; i++) {
            if (!SapField.overlaps(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(25);
        for (int f : fields()) {
            b.putInt(f);
        }
        b.put(snapId);
        return b.array();
    }

    public static Blli decode(byte[] c) {
        if (c == null || c.length != 25) {
            return ABSENT;
        }
        ByteBuffer b = ByteBuffer.wrap(c);
        int l2 = b.getInt();
        int l2u = b.getInt();
        int l3 = b.getInt();
        int l3u = b.getInt();
        int ipi = b.getInt();
        byte[] snap = new byte[5];
        b.get(snap);
        return new Blli(l2, l2u, l3, l3u, ipi, snap);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blli b && Arrays.equals(b.fields(), fields()) && Arrays.equals(b.snapId, snapId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields()) * 31 + Arrays.hashCode(snapId);
    }

    @Override
    public String toString() {
        return isAbsent() ? "ABSENT" : "L2=" + SapField.text(layer2Protocol) + ",L3=" + SapField.text(layer3Protocol);
    }
}

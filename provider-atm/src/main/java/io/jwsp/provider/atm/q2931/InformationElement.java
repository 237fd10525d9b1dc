package io.jwsp.provider.atm.q2931;

import java.util.Arrays;

/**
 * One information element: identifier, the instruction octet (always {@code 0x80}: coding ITU-T, no explicit
 * instruction), a 2-octet length and the contents.
 */
public record InformationElement(int id, byte[] contents) {
    public static final int AAL_PARAMETERS = 0x58;
    public static final int CONNECTION_IDENTIFIER = 0x5A;
    public static final int BHLI = 0x5D;
    public static final int BLLI = 0x5F;
    public static final int CALLING_PARTY_NUMBER = 0x6C;
    public static final int CALLED_PARTY_NUMBER = 0x70;
    public static final int CAUSE = 0x08;

    public InformationElement {
        if (id < 0 || id > 0xFF || contents.length > 0xFFFF) {
            throw new IllegalArgumentException("bad information element");
        }
        contents = contents.clone();
    }

    @Override
    public byte[] contents() {
        return contents.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InformationElement ie && ie.id == id && Arrays.equals(ie.contents, contents);
    }

    @Override
    public int hashCode() {
        return id * 31 + Arrays.hashCode(contents);
    }

    public static InformationElement cause(Cause cause) {
        return new InformationElement(CAUSE, cause.encode());
    }

    /** The Connection Identifier IE: VP-associated signalling, exclusive VPCI, then VPCI and VCI (2 octets each). */
    public static InformationElement connectionIdentifier(int vpi, int vci) {
        return new InformationElement(CONNECTION_IDENTIFIER,
                new byte[] {(byte) 0x88, (byte) (vpi >>> 8), (byte) vpi, (byte) (vci >>> 8), (byte) vci});
    }

    /** AAL parameters for AAL5: forward and backward maximum CPCS-SDU sizes (identifiers 0x8C and 0x81). */
    public static InformationElement aal5Parameters(int forwardMaxSdu, int backwardMaxSdu) {
        return new InformationElement(AAL_PARAMETERS, new byte[] {0x05,
            (byte) 0x8C, (byte) (forwardMaxSdu >>> 8), (byte) forwardMaxSdu,
            (byte) 0x81, (byte) (backwardMaxSdu >>> 8), (byte) backwardMaxSdu});
    }
}

package io.jwsp.provider.atm.addr;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * ATM_ADDRESS: an address type and up to 20 bytes. An AESA (ATM_NSAP, type 2) is 20 bytes: a 13-byte prefix that
 * names the switch, a 6-byte end system identifier (ESI) that names the adapter, and a selector byte that acts as
 * a port. An E.164 number (type 1) is up to 15 IA5 digits. A listener may use {@link SapField#ANY} (any number),
 * {@link SapField#ANY_AESA_SEL} (this AESA, any selector) or {@link SapField#ANY_AESA_REST} (any AESA with this
 * selector).
 *
 * <p>Text forms: an AESA as 40 hex digits (dots allowed anywhere), an E.164 number as {@code +digits}, and
 * {@code *} for ANY.
 */
public record AtmAddress(int type, byte[] bytes) {
    public static final int E164 = 1;
    public static final int AESA = 2;
    /** ATM_NSAP is the old name of ATM_AESA. */
    public static final int NSAP = AESA;
    public static final int ADDR_SIZE = 20;
    public static final int PREFIX = 13;
    public static final int ESI = 6;
    public static final int SELECTOR_INDEX = 19;

    public static final AtmAddress ANY = new AtmAddress(SapField.ANY, new byte[0]);

    public AtmAddress {
        bytes = bytes.clone();
        switch (type) {
            case AESA, SapField.ANY_AESA_SEL, SapField.ANY_AESA_REST -> {
                if (bytes.length != ADDR_SIZE) {
                    throw new IllegalArgumentException("an AESA has 20 bytes, not " + bytes.length);
                }
            }
            case E164 -> {
                if (bytes.length < 1 || bytes.length > 15) {
                    throw new IllegalArgumentException("an E.164 number has 1..15 digits");
                }
                for (byte b : bytes) {
                    if (b < '0' || b > '9') {
                        throw new IllegalArgumentException("E.164 digits are IA5 '0'..'9'");
                    }
                }
            }
            case SapField.ANY, SapField.ABSENT -> bytes = new byte[0];
            default -> throw new IllegalArgumentException("unknown ATM address type " + type);
        }
    }

    public static AtmAddress aesa(byte[] twentyBytes) {
        return new AtmAddress(AESA, twentyBytes);
    }

    public static AtmAddress e164(String digits) {
        return new AtmAddress(E164, digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** An AESA from a switch prefix (13 bytes), an ESI (6 bytes) and a selector. */
    public static AtmAddress aesa(byte[] prefix, byte[] esi, int selector) {
        byte[] b = new byte[ADDR_SIZE];
        System.arraycopy(prefix, 0, b, 0, PREFIX);
        System.arraycopy(esi, 0, b, PREFIX, ESI);
        b[SELECTOR_INDEX] = (byte) selector;
        return aesa(b);
    }

    /** NumofDigits: 20 for an AESA, the digit count of an E.164 number. */
    public int numberOfDigits() {
        return bytes.length;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isWildcard() {
        return SapField.isWildcard(type) || type == SapField.ABSENT;
    }

    public boolean isAesa() {
        return type == AESA;
    }

    /** The selector byte of an AESA. */
    public int selector() {
        return bytes[SELECTOR_INDEX] & 0xFF;
    }

    public AtmAddress withSelector(int selector) {
        byte[] b = bytes.clone();
        b[SELECTOR_INDEX] = (byte) selector;
        return new AtmAddress(type, b);
    }

    /** The first 19 bytes (prefix and ESI): what names an adapter. */
    public byte[] endSystem() {
        return Arrays.copyOf(bytes, SELECTOR_INDEX);
    }

    /** A listener's number {@code this} accepts a called number. */
    public boolean accepts(AtmAddress called) {
        return switch (type) {
            case SapField.ANY -> true;
            case SapField.ANY_AESA_SEL -> called.type == AESA
                    && Arrays.equals(bytes, 0, SELECTOR_INDEX, called.bytes, 0, SELECTOR_INDEX);
            case SapField.ANY_AESA_REST -> called.type == AESA && called.selector() == selector();
            default -> equals(called);
        };
    }

    /** Some called number could match both listener numbers. */
    public boolean overlaps(AtmAddress o) {
        if (type == SapField.ANY || o.type == SapField.ANY) {
            return true;
        }
        if (type == E164 || o.type == E164) {
            return equals(o);
        }
        boolean restFixedBoth = type != SapField.ANY_AESA_REST && o.type != SapField.ANY_AESA_REST;
        boolean selFixedBoth = type != SapField.ANY_AESA_SEL && o.type != SapField.ANY_AESA_SEL;
        boolean restAgrees = !restFixedBoth || Arrays.equals(bytes, 0, SELECTOR_INDEX, o.bytes, 0, SELECTOR_INDEX);
        boolean selAgrees = !selFixedBoth || selector() == o.selector();
        return restAgrees && selAgrees;
    }

    public static AtmAddress parse(String text) {
        String t = text.strip();
        if (t.equals("*")) {
            return ANY;
        }
        if (t.startsWith("+")) {
            return e164(t.substring(1));
        }
        String hex = t.replace(".", "").replace(":", "");
        if (hex.length() != 2 * ADDR_SIZE) {
            throw new IllegalArgumentException("an AESA is 40 hex digits: " + text);
        }
        return aesa(HexFormat.of().parseHex(hex));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtmAddress a && a.type == type && Arrays.equals(a.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return switch (type) {
            case AESA -> {
                String h = HexFormat.of().withUpperCase().formatHex(bytes);
                yield h.substring(0, 26) + "." + h.substring(26, 38) + "." + h.substring(38);
            }
            case E164 -> "+" + new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
            case SapField.ANY -> "*";
            case SapField.ABSENT -> "-";
            default -> SapField.text(type) + ":" + HexFormat.of().withUpperCase().formatHex(bytes);
        };
    }
}

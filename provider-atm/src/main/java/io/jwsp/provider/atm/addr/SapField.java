package io.jwsp.provider.atm.addr;

/** The SAP_FIELD_* wildcards of ws2atm.h, usable in a listener's address type, BLLI and BHLI fields. */
public final class SapField {
    /** Matches any value, and an absent element. */
    public static final int ANY = 0xFFFFFFFF;
    /** The element is not present. */
    public static final int ABSENT = 0xFFFFFFFE;
    /** An AESA whose selector byte is wildcarded. */
    public static final int ANY_AESA_SEL = 0xFFFFFFFA;
    /** An AESA whose 19 bytes before the selector are wildcarded. */
    public static final int ANY_AESA_REST = 0xFFFFFFFB;

    private SapField() {
    }

    public static boolean isWildcard(int v) {
        return v == ANY || v == ANY_AESA_SEL || v == ANY_AESA_REST;
    }

    /** A listener field {@code pattern} accepts an incoming field {@code value} (ABSENT when the IE is missing). */
    public static boolean accepts(int pattern, int value) {
        return pattern == ANY || pattern == value;
    }

    /** Some incoming value could match both listener fields. */
    public static boolean overlaps(int a, int b) {
        return a == ANY || b == ANY || a == b;
    }

    public static String text(int v) {
        return switch (v) {
            case ANY -> "ANY";
            case ABSENT -> "ABSENT";
            case ANY_AESA_SEL -> "ANY_AESA_SEL";
            case ANY_AESA_REST -> "ANY_AESA_REST";
            default -> Integer.toString(v);
        };
    }
}

package io.jwsp.provider.atm.q2931;

import io.jwsp.spi.result.WsaError;

/**
 * The Cause information element's contents: a location and a cause value (Q.2931 4.5.15, Q.850). Encoded as two
 * octets: {@code 1 000 LLLL} (extension, ITU-T coding standard, location) and {@code 1 VVVVVVV}.
 */
public record Cause(int location, int value) {
    public static final int LOCATION_USER = 0;
    public static final int LOCATION_PRIVATE_LOCAL = 1;

    public static final int UNALLOCATED_NUMBER = 1;
    public static final int NO_ROUTE_TO_DESTINATION = 3;
    public static final int NORMAL_CALL_CLEARING = 16;
    public static final int USER_BUSY = 17;
    public static final int CALL_REJECTED = 21;
    public static final int DESTINATION_OUT_OF_ORDER = 27;
    public static final int NORMAL_UNSPECIFIED = 31;
    /** The network failed for a while (the switch stopped answering keepalives). */
    public static final int TEMPORARY_FAILURE = 41;
    public static final int RESOURCE_UNAVAILABLE = 47;
    public static final int INCOMPATIBLE_DESTINATION = 88;
    public static final int RECOVERY_ON_TIMER_EXPIRY = 102;

    /** What a closing socket sends: normal call clearing, location user. */
    public static final Cause NORMAL = new Cause(LOCATION_USER, NORMAL_CALL_CLEARING);

    public Cause {
        if (location < 0 || location > 0xF || value < 0 || value > 0x7F) {
            throw new IllegalArgumentException("cause field out of range");
        }
    }

    public byte[] encode() {
        return new byte[] {(byte) (0x80 | location), (byte) (0x80 | value)};
    }

    public static Cause decode(byte[] b) {
        if (b == null || b.length < 2) {
            return null;
        }
        return new Cause(b[0] & 0xF, b[1] & 0x7F);
    }

    /** Whether the peer ended the call the ordinary way (then its recv ends with WSAEDISCON, not a reset). */
    public boolean isNormal() {
        return value == NORMAL_CALL_CLEARING || value == NORMAL_UNSPECIFIED;
    }

    /** The error a connecting caller sees when its SETUP is answered with this cause (after sigd's mapping). */
    public WsaError connectError() {
        return switch (value) {
            case UNALLOCATED_NUMBER -> WsaError.WSAEADDRNOTAVAIL;
            case NO_ROUTE_TO_DESTINATION, RESOURCE_UNAVAILABLE -> WsaError.WSAEHOSTUNREACH;
            case DESTINATION_OUT_OF_ORDER -> WsaError.WSAEHOSTDOWN;
            case TEMPORARY_FAILURE -> WsaError.WSAENETDOWN;
            case RECOVERY_ON_TIMER_EXPIRY -> WsaError.WSAETIMEDOUT;
            default -> WsaError.WSAECONNREFUSED;
        };
    }

    @Override
    public String toString() {
        return "cause " + value + (location == LOCATION_USER ? " (user)" : " (location " + location + ")");
    }
}

package io.jwsp.provider.irda;

import io.jwsp.provider.irda.medium.DeviceInfo;
import io.jwsp.spi.addr.AddressFamily;
import io.jwsp.spi.addr.SockAddr;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * SOCKADDR_IRDA: {@code irdaDeviceID[4]} (the peer's IrLAP address as discovery reported it) and
 * {@code irdaServiceName[25]} (an IAS class name of at most 24 characters). A name {@code LSAP-SELn} (n = 1..127)
 * names a selector directly and skips IAS; an empty name is a wildcard (bind picks a selector).
 *
 * <p>Written {@code DDDDDDDD:SERVICE} (eight hex digits). {@link #parse} also takes {@code SERVICE} alone (device 0:
 * this machine's adapter, for bind) and an optional {@code irda:} prefix.
 */
public record IrdaSockAddr(int deviceId, String serviceName) implements SockAddr {
    public static final int MAX_SERVICE_NAME = 24;
    /** sizeof(SOCKADDR_IRDA): family 2 + id 4 + name 25, padded. */
    public static final int SIZE = 32;
    private static final String LSAP_SEL = "LSAP-SEL";

    public IrdaSockAddr {
        Objects.requireNonNull(serviceName, "serviceName");
        if (serviceName.getBytes(StandardCharsets.ISO_8859_1).length > MAX_SERVICE_NAME) {
            throw new IllegalArgumentException("an IrDA service name has at most 24 characters: " + serviceName);
        }
    }

    public static IrdaSockAddr of(int deviceId, String serviceName) {
        return new IrdaSockAddr(deviceId, serviceName);
    }

    /** A name on this machine's adapter, for bind. */
    public static IrdaSockAddr local(String serviceName) {
        return new IrdaSockAddr(0, serviceName);
    }

    /** {@code LSAP-SELn} on {@code deviceId}. */
    public static IrdaSockAddr lsapSel(int deviceId, int selector) {
        return new IrdaSockAddr(deviceId, LSAP_SEL + selector);
    }

    @Override
    public int addressFamily() {
        return AddressFamily.AF_IRDA;
    }

    /** The selector an {@code LSAP-SELn} name gives (1..127), or -1 when the name is a class name. */
    public int lsapSelector() {
        if (!serviceName.startsWith(LSAP_SEL) || serviceName.length() == LSAP_SEL.length()
                || serviceName.length() > LSAP_SEL.length() + 3) {
            return -1;
        }
        String digits = serviceName.substring(LSAP_SEL.length());
        if (!digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(digits);
        return n >= 1 && n <= 127 ? n : -1;
    }

    public boolean isWildcard() {
        return serviceName.isEmpty();
    }

    /** irdaDeviceID as the structure holds it. */
    public byte[] deviceIdBytes() {
        return new byte[] {(byte) (deviceId >>> 24), (byte) (deviceId >>> 16), (byte) (deviceId >>> 8),
            (byte) deviceId};
    }

    /** Parses {@code [irda:][DDDDDDDD:]SERVICE}. */
    public static IrdaSockAddr parse(String text) {
        String t = text.startsWith("irda:") ? text.substring(5) : text;
        if (t.length() > 9 && t.charAt(8) == ':' && t.substring(0, 8).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return new IrdaSockAddr(DeviceInfo.parseId(t.substring(0, 8)), t.substring(9));
        }
        return new IrdaSockAddr(0, t);
    }

    @Override
    public String toString() {
        return DeviceInfo.hex(deviceId) + ":" + serviceName;
    }
}

package io.jwsp.provider.irda.medium;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What discovery (an XID exchange) tells about a device: its random 32-bit IrLAP address, its nickname and the
 * service hint bits. The address is written as eight hex digits, most significant byte first, which is also the
 * order of {@code irdaDeviceID[4]} in SOCKADDR_IRDA and DEVICELIST.
 *
 * @param id       the IrLAP device address
 * @param nickname at most 22 bytes (the DEVICELIST field); longer names are cut
 * @param hints1   hint byte 1 (PnP 1, PDA 2, Computer 4, Printer 8, Modem 16, Fax 32, LAN 64, Extension 128)
 * @param hints2   hint byte 2 (Telephony 1, FileServer 2, ...)
 * @param charset  the nickname's character set (0 = ASCII)
 */
public record DeviceInfo(int id, String nickname, int hints1, int hints2, int charset) {
    public static final int NICKNAME_BYTES = 22;
    public static final int HINT_COMPUTER = 0x04;

    public DeviceInfo {
        Objects.requireNonNull(nickname, "nickname");
        byte[] b = nickname.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length > NICKNAME_BYTES) {
            nickname = new String(b, 0, NICKNAME_BYTES, StandardCharsets.ISO_8859_1);
        }
    }

    public static DeviceInfo computer(int id, String nickname) {
        return new DeviceInfo(id, nickname, HINT_COMPUTER, 0, 0);
    }

    public String idHex() {
        return hex(id);
    }

    public static String hex(int id) {
        return HexFormat.of().withUpperCase().toHexDigits(id);
    }

    /** Parses eight hex digits (an optional {@code 0x} prefix is accepted). */
    public static int parseId(String text) {
        String t = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (t.length() != 8) {
            throw new IllegalArgumentException("an IrDA device id is eight hex digits: " + text);
        }
        return (int) Long.parseLong(t, 16);
    }
}

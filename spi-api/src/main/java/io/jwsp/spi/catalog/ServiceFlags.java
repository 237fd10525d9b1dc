package io.jwsp.spi.catalog;

import java.util.ArrayList;
import java.util.List;

/** The XP1_* bits of {@code dwServiceFlags1}: what a protocol entry promises. */
public final class ServiceFlags {
    public static final int XP1_CONNECTIONLESS = 0x1;
    public static final int XP1_GUARANTEED_DELIVERY = 0x2;
    public static final int XP1_GUARANTEED_ORDER = 0x4;
    public static final int XP1_MESSAGE_ORIENTED = 0x8;
    public static final int XP1_PSEUDO_STREAM = 0x10;
    /** Two-phase close. Without it only abortive closes happen (IrDA, ATM). */
    public static final int XP1_GRACEFUL_CLOSE = 0x20;
    public static final int XP1_EXPEDITED_DATA = 0x40;
    public static final int XP1_CONNECT_DATA = 0x80;
    public static final int XP1_DISCONNECT_DATA = 0x100;
    public static final int XP1_SUPPORT_BROADCAST = 0x200;
    public static final int XP1_SUPPORT_MULTIPOINT = 0x400;
    public static final int XP1_MULTIPOINT_CONTROL_PLANE = 0x800;
    public static final int XP1_MULTIPOINT_DATA_PLANE = 0x1000;
    public static final int XP1_QOS_SUPPORTED = 0x2000;
    public static final int XP1_UNI_SEND = 0x8000;
    public static final int XP1_UNI_RECV = 0x10000;
    public static final int XP1_IFS_HANDLES = 0x20000;
    public static final int XP1_PARTIAL_MESSAGE = 0x40000;

    private static final String[] NAMES = {
        "CONNECTIONLESS", "GUARANTEED_DELIVERY", "GUARANTEED_ORDER", "MESSAGE_ORIENTED", "PSEUDO_STREAM",
        "GRACEFUL_CLOSE", "EXPEDITED_DATA", "CONNECT_DATA", "DISCONNECT_DATA", "SUPPORT_BROADCAST",
        "SUPPORT_MULTIPOINT", "MULTIPOINT_CONTROL_PLANE", "MULTIPOINT_DATA_PLANE", "QOS_SUPPORTED", null,
        "UNI_SEND", "UNI_RECV", "IFS_HANDLES", "PARTIAL_MESSAGE"
    };

    private ServiceFlags() {
    }

    /** The names of the bits set in {@code flags}, lowest bit first, without the XP1_ prefix. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((flags & (1 << bit)) != 0 && NAMES[bit] != null) {
                out.add(NAMES[bit]);
            }
        }
        return out;
    }

    /** The bit named {@code name} (with or without the XP1_ prefix), or 0 when there is none. */
    public static int byName(String name) {
        String bare = name.startsWith("XP1_") ? name.substring(4) : name;
        for (int bit = 0; bit < NAMES.length; bit++) {
            if (bare.equals(NAMES[bit])) {
                return 1 << bit;
            }
        }
        return 0;
    }
}

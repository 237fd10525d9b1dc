package io.jwsp.spi.event;

import java.util.ArrayList;
import java.util.List;

/** The FD_* network event bits and their bit indexes (FD_READ_BIT = 0 ...). */
public final class FdEvents {
    public static final int FD_READ = 0x1;
    public static final int FD_WRITE = 0x2;
    public static final int FD_OOB = 0x4;
    public static final int FD_ACCEPT = 0x8;
    public static final int FD_CONNECT = 0x10;
    public static final int FD_CLOSE = 0x20;
    public static final int FD_QOS = 0x40;
    public static final int FD_GROUP_QOS = 0x80;
    public static final int FD_ROUTING_INTERFACE_CHANGE = 0x100;
    public static final int FD_ADDRESS_LIST_CHANGE = 0x200;
    public static final int FD_MAX_EVENTS = 10;
    public static final int FD_ALL_EVENTS = (1 << FD_MAX_EVENTS) - 1;

    private static final String[] NAMES = {"FD_READ", "FD_WRITE", "FD_OOB", "FD_ACCEPT", "FD_CONNECT", "FD_CLOSE",
        "FD_QOS", "FD_GROUP_QOS", "FD_ROUTING_INTERFACE_CHANGE", "FD_ADDRESS_LIST_CHANGE"};

    private FdEvents() {
    }

    /** The bit index of a single FD_* bit, as iErrorCode is indexed. */
    public static int bitIndex(int event) {
        if (Integer.bitCount(event) != 1 || event > FD_ADDRESS_LIST_CHANGE) {
            throw new IllegalArgumentException("not a single FD_* bit: " + event);
        }
        return Integer.numberOfTrailingZeros(event);
    }

    public static List<String> names(int mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FD_MAX_EVENTS; i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }
}

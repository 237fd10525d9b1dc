package io.jwsp.provider.atm.q2931;

/** The Q.2931 message types the simulation uses (Q.2931 table 4-2). */
public enum MessageType {
    CALL_PROCEEDING(0x02),
    CONNECT(0x07),
    CONNECT_ACK(0x0F),
    SETUP(0x05),
    RELEASE(0x4D),
    RELEASE_COMPLETE(0x5A);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageType ofCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}

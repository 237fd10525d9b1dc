package io.jwsp.provider.tcp.kernel;

/** The kernel's TCP states, numbered as /proc/net/tcp prints them (include/net/tcp_states.h). */
public enum TcpState {
    ESTABLISHED(0x01), SYN_SENT(0x02), SYN_RECV(0x03), FIN_WAIT1(0x04), FIN_WAIT2(0x05), TIME_WAIT(0x06),
    CLOSE(0x07), CLOSE_WAIT(0x08), LAST_ACK(0x09), LISTEN(0x0A), CLOSING(0x0B), NEW_SYN_RECV(0x0C);

    private final int code;

    TcpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static TcpState of(int code) {
        for (TcpState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return CLOSE;
    }
}

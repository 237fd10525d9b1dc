package io.jwsp.spi.io;

/** WSAPOLLFD's event bits (winsock2.h values). */
public final class PollFlags {
    public static final int POLLRDNORM = 0x0100;
    public static final int POLLRDBAND = 0x0200;
    /** POLLRDNORM | POLLRDBAND. */
    public static final int POLLIN = POLLRDNORM | POLLRDBAND;
    public static final int POLLWRNORM = 0x0010;
    /** POLLWRNORM. */
    public static final int POLLOUT = POLLWRNORM;
    public static final int POLLERR = 0x0001;
    public static final int POLLHUP = 0x0002;
    public static final int POLLNVAL = 0x0004;
    /** What an application may ask for in {@code events}; any other bit (POLLPRI among them) is WSAEINVAL. */
    public static final int REQUESTABLE = POLLIN | POLLOUT;

    private PollFlags() {
    }
}

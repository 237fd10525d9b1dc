package io.jwsp.spi.option;

/**
 * The linger structure: {@code l_onoff} and {@code l_linger} (seconds, an unsigned short on the wire).
 * {@link #DONT_LINGER} is every socket's default (SO_DONTLINGER true).
 */
public record Linger(boolean onOff, int seconds) {
    public static final Linger DONT_LINGER = new Linger(false, 0);

    public Linger {
        if (seconds < 0 || seconds > 0xFFFF) {
            throw new IllegalArgumentException("l_linger is an unsigned short: " + seconds);
        }
    }

    public static Linger of(int seconds) {
        return new Linger(true, seconds);
    }

    /** linger(1, 0): the hard, abortive close. */
    public boolean isAbortive() {
        return onOff && seconds == 0;
    }

    /** linger(1, N>0): a close that waits for queued data. */
    public boolean waits() {
        return onOff && seconds > 0;
    }

    /**
     * SO_DONTLINGER flips {@code l_onoff} only: the time-out SO_LINGER set earlier comes back when it is turned
     * off again, as the linger pages require ("this time-out value should be reinstated by the service provider").
     */
    public Linger withDontLinger(boolean dontLinger) {
        return new Linger(!dontLinger, seconds);
    }

    @Override
    public String toString() {
        return "linger(" + (onOff ? 1 : 0) + "," + seconds + ")";
    }
}

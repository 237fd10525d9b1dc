package io.jwsp.provider.atm.sw;

/**
 * The switch's clockwork, all on the provider's time source.
 *
 * @param cellIntervalNanos   how long one cell takes to leave a port's transmit queue (the cell rate's inverse);
 *                            0 sends a PDU's cells as soon as the sender releases the provider's lock
 * @param dataLatencyNanos    how long a cell takes from the sending adapter to the switch fabric, where the
 *                            cross-connect is looked up (the latency of every VC)
 * @param signallingLatencyNanos how long a signalling message takes between an adapter and the switch, each way;
 *                            shorter than the data latency, so RELEASE overtakes the last cells
 * @param t303Nanos           Q.2931 T303: how long a caller waits for an answer to SETUP (twice, then WSAETIMEDOUT)
 */
public record SwitchTiming(long cellIntervalNanos, long dataLatencyNanos, long signallingLatencyNanos,
                           long t303Nanos) {
    /** OC-3c: 149.76 Mbit/s of payload rate is about 353,207 cells a second. */
    public static final long OC3_CELL_INTERVAL_NANOS = 2_831;
    /**
     * The defaults: OC-3c cells, 50 ms of data latency, 1 ms of signalling latency. The 49 ms between them is far
     * above the scheduling noise of two JVMs on one host, so a close right after a send loses the tail every
     * time, and a 100 ms delay before the close always avoids it.
     */
    public static final SwitchTiming DEFAULT = new SwitchTiming(OC3_CELL_INTERVAL_NANOS, 50_000_000, 1_000_000,
            4_000_000_000L);

    /** No delays at all: everything moves as soon as the acting thread leaves the provider (virtual-clock TCK). */
    public static final SwitchTiming IMMEDIATE = new SwitchTiming(0, 0, 0, 4_000_000_000L);

    public SwitchTiming {
        if (cellIntervalNanos < 0 || dataLatencyNanos < 0 || signallingLatencyNanos < 0 || t303Nanos <= 0) {
            throw new IllegalArgumentException("bad switch timing");
        }
    }
}
